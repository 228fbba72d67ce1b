/**
 * What is refused before any parsing (size, encoding), how the format is told from the content, and
 * how broken JSON is located. Every refusal is one line of invalid_input that quotes nothing secret.
 */
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../electron/core/interop/import/json-text';
import { parseImportFile } from '../../electron/core/interop/import/parse-import';
import { MAX_IMPORT_BYTES, firstInvalidUtf8 } from '../../electron/core/interop/import/read-text';
import { fixtureBytes, fixtureText, refusal } from '../fixtures/import/fixtures';

const EXPECTED = 'expected a Developer Console project JSON, AEM service credentials, an aio CLI config, a .env file, a Postman environment or PDF Services credentials';

describe('import input limits', () => {
  it('refuses a 10 MB file before parsing it', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'CLIENT_SECRET=p8e-FAKEbig\n');
    const message = await refusal(parseImportFile(big, { fileName: 'huge.env' }), ['p8e-FAKEbig']);
    expect(message).toBe('"huge.env" is 10.0 MiB; a credentials file is a few KB: check that this is the right file');
    expect(MAX_IMPORT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('refuses bytes that are not UTF-8, saying which line', async () => {
    const message = await refusal(parseImportFile(fixtureBytes('latin1.env'), { fileName: 'latin1.env' }), ['p8e-FAKElatin1000000000000000000000000']);
    expect(message).toBe('"latin1.env" is not UTF-8 text (invalid byte at line 2): save it as UTF-8 and import it again');
  });

  it('asks for UTF-8 when the file is UTF-16, with or without a byte order mark', async () => {
    const text = fixtureText('cloudmanager-s2s.env');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    expect(await refusal(parseImportFile(le))).toBe('The file is UTF-16 text: save it as UTF-8 and import it again');
    expect(await refusal(parseImportFile(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toBe('The file is UTF-16 text: save it as UTF-8 and import it again');
    expect(await refusal(parseImportFile(Buffer.from(text, 'utf16le')))).toBe(
      'The file contains NUL bytes (line 1): it is binary or UTF-16; save it as UTF-8 text',
    );
  });

  it('strips a UTF-8 byte order mark', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixtureBytes('console-workspace.json')]);
    expect((await parseImportFile(withBom)).candidates).toHaveLength(3);
  });

  it('refuses an empty file', async () => {
    expect(await refusal(parseImportFile(Buffer.alloc(0), { fileName: 'empty.json' }))).toBe('"empty.json" is empty');
  });

  it('finds the first byte that breaks UTF-8: bad lead bytes, overlongs, surrogates, beyond U+10FFFF, truncation', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x41, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x94, 0x91)).toBe(-1); // "A€🔑"
    expect(at(0x41, 0x80)).toBe(1);
    expect(at(0xc0, 0x80)).toBe(0);
    expect(at(0xe0, 0x80, 0x80)).toBe(0);
    expect(at(0x41, 0xed, 0xa0, 0x80)).toBe(1);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0x41, 0x42, 0xe2, 0x82)).toBe(2);
    expect(at(0xe9, 0x41)).toBe(0);
  });
});

describe('format detection', () => {
  it('refuses text that is none of the four formats, saying what it expects', async () => {
    expect(await refusal(parseImportFile(fixtureBytes('notes.txt'), { fileName: 'notes.txt' }))).toBe(`"notes.txt" is not a file Keysmith can import: ${EXPECTED}`);
  });

  it('refuses JSON of another kind, and explains the near misses', async () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));
    expect(await refusal(parseImportFile(json({ type: 'service_account', private_key_id: 'abc' })))).toBe(`The file is not a file Keysmith can import: ${EXPECTED}`);
    expect(await refusal(parseImportFile(json([{ client_id: 'x' }])))).toBe(`The file is not a file Keysmith can import (its JSON is not an object): ${EXPECTED}`);
    expect(await refusal(parseImportFile(json({ project: { id: '1', name: 'p' } })))).toBe(
      `The file is not a file Keysmith can import (a Console project without a workspace: download the project from one of its workspaces): ${EXPECTED}`,
    );
    expect(await refusal(parseImportFile(json({ ok: true, integration: { clientId: 'x' } })))).toBe(
      `The file is not a file Keysmith can import (an "integration" without a technicalAccount): ${EXPECTED}`,
    );
  });

  it('points a PEM file at the key commands instead', async () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
    const message = await refusal(parseImportFile(Buffer.from(pem), { fileName: 'private.key' }), ['MIIEvQIBADANBgkqhkiG9w0']);
    expect(message).toBe('"private.key" is a PEM key or certificate, not a credentials file: add it to an integration as a key instead');
  });

  it('locates JSON mistakes by line and column whatever V8 says', async () => {
    // Not an aio config, so not read as HJSON (aio's own format, where trailing commas are fine).
    const text = '{\n  "project": {\n    "workspace": {\n      "a": { "client_secret": "p8e-FAKEtrailing", },\n    }\n  }\n}\n';
    const message = await refusal(parseImportFile(Buffer.from(text), { fileName: 'project.json' }), ['p8e-FAKEtrailing']);
    expect(message).toBe('"project.json" is not valid JSON: a comma before "}" (trailing commas are not allowed), at line 4, column 51');
    expect(locateJsonError("{'single': 1}")).toEqual({ at: 1, reason: 'a property name in double quotes was expected' });
    expect(locateJsonError('{"a": "unterminated')).toEqual({ at: 19, reason: 'the file ends early' });
    expect(locateJsonError('{"a": 1} {"b": 2}')).toEqual({ at: 9, reason: 'more text after the end of the JSON value' });
    expect(locateJsonError('[1, 2, ]')).toEqual({ at: 7, reason: 'a comma before "]" (trailing commas are not allowed)' });
    expect(locateJsonError('['.repeat(200_000))).toEqual({ at: 200_000, reason: 'the file ends early' });
    expect(locateJsonError('{"a": [1, {"b": null, "c": "\\u00e9\\n"}], "d": -1.5e3, "e": true}')).toBeNull();
  });
});
