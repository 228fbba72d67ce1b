/**
 * The vault header is read before any key can vouch for it: it is GCM's associated data, but the
 * key derivation it names runs first. So a damaged or crafted header must read as damaged
 * (vault_tampered, with restoring the backup as the next action), a newer one as too new, and never as an
 * internal error or as a 16 GiB scrypt allocation.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, deriveFromPassphrase, scryptParamsAllowed } from '../../electron/core/crypto-primitives';
import { vaultPaths } from '../../electron/core/data-dir';
import { KeysmithError } from '../../electron/core/errors';
import type { Keychain } from '../../electron/core/keychain';
import { openBundle, sealBundle } from '../../electron/core/interop/bundle/share-bundle';
import { Vault, type UnlockChooser, type UnlockRequest } from '../../electron/core/vault';
import { parseVault } from '../../electron/core/vault-envelope';
import { CLI, runCli, tempDataDir } from '../support/cli';

const PASSPHRASE = 'header test passphrase';
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const deps = { keychain: { get: refuse, set: refuse, delete: refuse } satisfies Keychain };

type Json = Record<string, unknown>;
type Wrap = Json & { method: string; kdf?: Json };

let pristine: Buffer;
let headerLine: string;
let bodyLine: string;
let recoveryKey: string;

beforeAll(async () => {
  const dir = tempDataDir();
  ({ recoveryKey } = await Vault.create(dir, { method: 'passphrase', passphrase: PASSPHRASE }, deps));
  pristine = readFileSync(vaultPaths(dir).vault);
  [headerLine, bodyLine] = pristine.toString('latin1').split('\n') as [string, string];
});

/** The header line with `edit` applied and a correct checksum: what a forger (or a bad editor) writes. */
function forge(edit: (header: Json, wrap: (method: string) => Wrap) => void): Buffer {
  const header = JSON.parse(headerLine) as Json;
  const wrap = (method: string) => (header.wraps as Wrap[]).find((w) => w.method === method)!;
  edit(header, wrap);
  return frame(JSON.stringify(header), bodyLine);
}

function frame(header: string, body: string): Buffer {
  const sum = createHash('sha256').update(`${header}\n${body}\n`).digest('hex');
  return Buffer.from(`${header}\n${body}\nsha256:${sum}\n`, 'utf8');
}

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (err) {
    return err instanceof KeysmithError ? err.code : `exception ${String(err)}`;
  }
}

/** Opens `bytes` as a vault file; records whether the header got as far as choosing an unlock. */
async function openBytes(bytes: Buffer, request: UnlockRequest): Promise<{ result: string; message: string; chosen: boolean }> {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(vaultPaths(dir).vault, bytes, { mode: 0o600 });
  let chosen = false;
  const choose: UnlockChooser = async () => {
    chosen = true;
    return request;
  };
  try {
    await Vault.open(dir, choose, deps);
    return { result: 'ok', message: '', chosen };
  } catch (err) {
    return err instanceof KeysmithError
      ? { result: err.code, message: err.message, chosen }
      : { result: `exception ${String(err)}`, message: String(err), chosen };
  }
}

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

/** Every way the header can be wrong that is not "written by a newer Keysmith". */
const MALFORMED: Record<string, (h: Json, wrap: (method: string) => Wrap) => void> = {
  'passphrase wrap without kdf': (_h, w) => delete w('passphrase').kdf,
  'passphrase kdf null': (_h, w) => (w('passphrase').kdf = null as unknown as Json),
  'passphrase kdf of another name': (_h, w) => (w('passphrase').kdf!.name = 'argon2id'),
  'scrypt N = 2^24 (16 GiB)': (_h, w) => (w('passphrase').kdf!.N = 2 ** 24),
  'scrypt N = 2^20 (1 GiB)': (_h, w) => (w('passphrase').kdf!.N = 2 ** 20),
  'scrypt N = 2^40': (_h, w) => (w('passphrase').kdf!.N = 2 ** 40),
  'scrypt N not a power of two': (_h, w) => (w('passphrase').kdf!.N = 100_000),
  'scrypt N as text': (_h, w) => (w('passphrase').kdf!.N = '131072'),
  'scrypt N fractional': (_h, w) => (w('passphrase').kdf!.N = 131072.5),
  'scrypt N missing': (_h, w) => delete w('passphrase').kdf!.N,
  'scrypt r = 1024': (_h, w) => (w('passphrase').kdf!.r = 1024),
  'scrypt r = 0': (_h, w) => (w('passphrase').kdf!.r = 0),
  'scrypt p = 1000': (_h, w) => (w('passphrase').kdf!.p = 1000),
  'scrypt p negative': (_h, w) => (w('passphrase').kdf!.p = -1),
  'scrypt salt missing': (_h, w) => delete w('passphrase').kdf!.salt,
  'scrypt salt of 3 bytes': (_h, w) => (w('passphrase').kdf!.salt = b64(3)),
  'scrypt salt not base64': (_h, w) => (w('passphrase').kdf!.salt = '%%%%%%%%%%%%%%%%%%%%%%%%'),
  'passphrase wrap nonce of 8 bytes': (_h, w) => (w('passphrase').nonce = b64(8)),
  'passphrase wrapped key cut short': (_h, w) => (w('passphrase').wrapped = b64(47)),
  'passphrase wrapped key missing': (_h, w) => delete w('passphrase').wrapped,
  'recovery wrap without kdf': (_h, w) => delete w('recovery').kdf,
  'recovery kdf named scrypt': (_h, w) => (w('recovery').kdf!.name = 'scrypt'),
  'recovery salt of 100 bytes': (_h, w) => (w('recovery').kdf!.salt = b64(100)),
  'keychain wrap without account': (h) => (h.wraps as Wrap[]).push({ method: 'keychain', service: 'Keysmith vault key', nonce: b64(12), wrapped: b64(48) }),
  "keychain wrap naming another vault's entry": (h) =>
    (h.wraps as Wrap[]).push({ method: 'keychain', service: 'Keysmith vault key', account: randomUUID(), nonce: b64(12), wrapped: b64(48) }),
  'an unknown unlock method': (h) => (h.wraps as Wrap[]).push({ method: 'fingerprint', nonce: b64(12), wrapped: b64(48) }),
  'two passphrase wraps': (h, w) => (h.wraps as Wrap[]).push(structuredClone(w('passphrase'))),
  'a wrap with an extra field': (_h, w) => (w('recovery').note = 'x'.repeat(1000)),
  'no wraps': (h) => (h.wraps = []),
  'wraps not a list': (h) => (h.wraps = { passphrase: 1 }),
  'a null wrap': (h) => (h.wraps as unknown[]).push(null),
  'a thousand wraps': (h, w) => (h.wraps = Array.from({ length: 1000 }, () => structuredClone(w('recovery')))),
  'vault id not a uuid': (h) => (h.vaultId = '../../etc/passwd'),
  'vault id missing': (h) => delete h.vaultId,
  'vault id a number': (h) => (h.vaultId = 7),
  'generation 0': (h) => (h.generation = 0),
  'generation negative': (h) => (h.generation = -3),
  'generation fractional': (h) => (h.generation = 1.5),
  'generation as text': (h) => (h.generation = '2'),
  'generation missing': (h) => delete h.generation,
  'writtenAt not a time': (h) => (h.writtenAt = 'yesterday'),
  'writtenAt a number': (h) => (h.writtenAt = 1_700_000_000),
  'body nonce of 16 bytes': (h) => (h.nonce = b64(16)),
  'body nonce missing': (h) => delete h.nonce,
  'version 0': (h) => (h.version = 0),
  'version as text': (h) => (h.version = '1'),
  'version fractional': (h) => (h.version = 0.5),
  'an unknown header field': (h) => (h.extra = true),
};

describe('a malformed header', () => {
  it('reads as damaged, pointing at restore-backup, for every malformed field', () => {
    const failures: string[] = [];
    for (const [what, edit] of Object.entries(MALFORMED)) {
      try {
        parseVault(forge(edit), 'vault.ksv');
        failures.push(`${what}: accepted`);
      } catch (err) {
        if (!(err instanceof KeysmithError) || err.code !== 'vault_tampered' || err.action !== 'restore_backup') {
          failures.push(`${what}: ${err instanceof KeysmithError ? `${err.code} ${err.message}` : String(err)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('is refused before an unlock method is chosen, so no key derivation runs on it', async () => {
    const failures: string[] = [];
    for (const [what, edit] of Object.entries(MALFORMED)) {
      const opened = await openBytes(forge(edit), { method: 'passphrase', passphrase: PASSPHRASE });
      if (opened.result !== 'vault_tampered' || opened.chosen) failures.push(`${what}: ${opened.result}${opened.chosen ? ' after choosing an unlock' : ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('names the field at fault in its one sentence, and restoring the backup as the next action', () => {
    let message = '';
    let action: unknown;
    try {
      parseVault(forge((_h, w) => (w('passphrase').kdf!.N = 2 ** 24)), '/data/vault.ksv');
    } catch (err) {
      message = (err as Error).message;
      action = (err as { action?: unknown }).action;
    }
    expect(message).toMatch(/^The vault file \/data\/vault\.ksv is damaged or was tampered with \(.*wraps\.0\.kdf.*\)$/);
    expect(action).toBe('restore_backup');
    expect(message).not.toContain('\n');
  });

  it('still reads a newer format as too new, whatever its header holds', async () => {
    for (const edit of [(h: Json) => (h.version = 2), (h: Json) => Object.assign(h, { version: 9, wraps: 'sealed differently', vaultId: 1 })]) {
      expect(outcome(() => parseVault(forge(edit), 'vault.ksv'))).toBe('vault_too_new');
    }
  });

  it('accepts what Keysmith writes, at the edge of every bound', () => {
    expect(outcome(() => parseVault(pristine, 'vault.ksv'))).toBe('ok');
    const atBounds = forge((_h, w) => Object.assign(w('passphrase').kdf!, { N: 2 ** 18, r: 8, p: 16 }));
    expect(outcome(() => parseVault(atBounds, 'vault.ksv'))).toBe('ok');
  });
});

describe('structure-aware fuzzing of the header', () => {
  /** Every path to a value in the header, e.g. ['wraps', 0, 'kdf', 'N']. */
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (value === null || typeof value !== 'object') return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
  }

  it('never throws anything but a KeysmithError, and never opens a changed header', async () => {
    const all = paths(JSON.parse(headerLine)).filter((p) => p.length > 0);
    const edit = fc.record({
      at: fc.constantFrom(...all),
      how: fc.oneof(
        fc.constant({ op: 'delete' as const }),
        fc.record({ op: fc.constant('set' as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(2 ** 24, -1, 0, 1e308, '', 'AAAA', null, [], {})) }),
        fc.record({ op: fc.constant('add' as const), key: fc.string({ maxLength: 8 }), value: fc.jsonValue({ maxDepth: 1 }) }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const header = JSON.parse(headerLine) as Json;
        for (const { at, how } of edits) {
          let parent: Record<string | number, unknown> = header;
          for (const key of at.slice(0, -1)) {
            const next = parent?.[key];
            if (next === null || typeof next !== 'object') return; // an earlier edit removed the path
            parent = next as Record<string | number, unknown>;
          }
          const last = at[at.length - 1]!;
          if (how.op === 'delete') delete parent[last];
          else if (how.op === 'set') parent[last] = how.value;
          else if (typeof parent[last] === 'object' && parent[last] !== null) (parent[last] as Json)[how.key] = how.value;
        }
        const text = JSON.stringify(header);
        // The recovery key's KDF is cheap, so thousands of headers are opened in seconds.
        const { result } = await openBytes(frame(text, bodyLine), { method: 'recovery', recoveryKey });
        if (text === headerLine) expect(result).toBe('ok');
        else expect(result, text).toMatch(/^(vault_tampered|vault_too_new|wrong_recovery_key)$/);
      }),
      { numRuns: 400 },
    );
  });
});

describe('through the CLI', () => {
  it('a passphrase wrap without kdf is one line saying damaged, not an internal error', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(vaultPaths(dir).vault, forge((_h, w) => delete w('passphrase').kdf), { mode: 0o600 });
    const result = await runCli(['list'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE } });
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is damaged or was tampered with .*keysmith restore-backup/);
    expect(result.stderr).not.toMatch(/internal/i);
  });

  it('a header asking scrypt for 16 GiB is refused without the allocation (the CLI runs under a 2 GiB address-space cap)', () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(vaultPaths(dir).vault, forge((_h, w) => (w('passphrase').kdf!.N = 2 ** 24)), { mode: 0o600 });
    // Under the cap, an attempt at the allocation fails at once instead of taking the machine's memory.
    const result = spawnSync('sh', ['-c', `ulimit -v 2097152; exec "${process.execPath}" "${CLI}" list`], {
      env: { ...process.env, KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/is damaged or was tampered with .*keysmith restore-backup/);
  });
});

describe('key derivation bounds, defined once', () => {
  it('allow the defaults and refuse more than 256 MiB, r above 32, p above 16, or an N that is not a power of two', () => {
    expect(scryptParamsAllowed(DEFAULT_SCRYPT)).toBe(true);
    expect(scryptParamsAllowed({ N: 2 ** 18, r: 8, p: 16 })).toBe(true);
    for (const params of [
      { N: 2 ** 19, r: 8, p: 1 },
      { N: 2 ** 24, r: 8, p: 1 },
      { N: 2 ** 17, r: 33, p: 1 },
      { N: 2 ** 17, r: 8, p: 17 },
      { N: 100_000, r: 8, p: 1 },
      { N: 1, r: 8, p: 1 },
      { N: 2 ** 17, r: 0, p: 1 },
      { N: 2 ** 17, r: 8, p: 0 },
      { N: Number.NaN, r: 8, p: 1 },
      { N: 2 ** 17, r: 8.5, p: 1 },
    ]) {
      expect(scryptParamsAllowed(params), JSON.stringify(params)).toBe(false);
    }
  });

  it('are enforced by the derivation itself, which refuses rather than allocates', async () => {
    await expect(deriveFromPassphrase(PASSPHRASE, randomBytes(16), { N: 2 ** 20, r: 8, p: 1 })).rejects.toThrow(/scrypt/);
    await expect(deriveFromPassphrase(PASSPHRASE, randomBytes(16), { N: 2 ** 10, r: 8, p: 1 })).resolves.toHaveLength(32);
  });

  it('are the same for bundles: a bundle header over them is damaged, and sealing with them is refused', async () => {
    const stamp = '2025-01-01T00:00:00.000Z';
    const shared = [{ kind: 'apiKey' as const, name: 'k', description: '', clientId: 'c', id: randomUUID(), createdAt: stamp, updatedAt: stamp }];
    const sealed = await sealBundle(shared, PASSPHRASE, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    const [header, body] = sealed.toString('utf8').split('\n') as [string, string];
    for (const over of [`"N":${2 ** 19}`, `"N":${2 ** 24}`]) {
      const bytes = frame(header.replace(`"N":${2 ** 10}`, over), body);
      await expect(openBundle(bytes, PASSPHRASE)).rejects.toMatchObject({ code: 'vault_tampered' });
    }
    await expect(sealBundle(shared, PASSPHRASE, { scrypt: { N: 2 ** 17, r: 8, p: 17 } })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('a damaged vault file on disk', () => {
  it('keeps its bytes: reading a malformed header changes nothing', async () => {
    const dir = tempDataDir();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const bytes = forge((h) => (h.generation = -1));
    writeFileSync(path.join(dir, 'vault.ksv'), bytes, { mode: 0o600 });
    expect((await openBytes(bytes, { method: 'recovery', recoveryKey })).result).toBe('vault_tampered');
    await expect(Vault.readHeader(dir)).rejects.toMatchObject({ code: 'vault_tampered' });
    expect(readFileSync(path.join(dir, 'vault.ksv')).equals(bytes)).toBe(true);
  });
});
