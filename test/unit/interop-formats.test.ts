/**
 * One table of formats: the README shows exactly formatsMarkdown(), `keysmith formats` prints
 * formatsText(), and every format import detects or export writes has a row (and no row names one
 * that does not exist).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../../electron/shared/formats';
import { INTEROP_FORMATS, formatsMarkdown, formatsText } from '../../electron/shared/interop-formats';
import { ROOT, runCli } from '../support/cli';

describe('the formats table', () => {
  it('has a row for every import and export format, and for nothing else', () => {
    expect(INTEROP_FORMATS.flatMap((f) => (f.import ? [f.import] : [])).sort()).toEqual([...IMPORT_FORMATS].sort());
    expect(INTEROP_FORMATS.flatMap((f) => (f.export ? [f.export] : [])).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it('is what the README shows', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(formatsMarkdown());
  });

  it('is what keysmith formats prints (folded to 80 columns when piped)', async () => {
    const r = await runCli(['formats']);
    expect(r.code, r.stderr).toBe(0);
    // Unfolded: a continued command's " \" and every hanging indent become the one space they replaced.
    const unfolded = r.stdout.replace(/( \\)?\n {4,}/g, ' ');
    expect(unfolded).toBe(`${formatsText()}\n`);
    for (const f of INTEROP_FORMATS) expect(unfolded).toContain(f.example);
  });
});
