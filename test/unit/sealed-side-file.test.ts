/**
 * The side files beside the vault (tokens.ksc, signins.ksc, mints.ksc) through the one module that
 * writes them: files written by the code before it (frozen in test/fixtures/sealed-side-files) still
 * open; a tampered, truncated, foreign, swapped or huge file reads as nothing, never an error; two
 * processes writing at once lose no update.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MintRecords } from '../../electron/core/health/mint-record';
import type { Keychain } from '../../electron/core/keychain';
import { SessionStore } from '../../electron/core/signin/session-store';
import { TokenCache } from '../../electron/core/tokens/token-cache';
import { Vault } from '../../electron/core/vault';
import { copyDataDir } from '../support/data-dir-template';
import { tempDataDir } from '../support/cli';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FROZEN = path.join(ROOT, 'test', 'fixtures', 'sealed-side-files', 'data');
const FROZEN_PASSPHRASE = 'frozen side files';
const FROZEN_ID = '57db3418-e338-4ad7-b6f3-207e58c430dc';
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

/** A copy of the frozen data folder, made private: git keeps neither its 0700 nor the files' 0600, and a umask may add group write. */
function frozenCopy(): string {
  const dir = copyDataDir(FROZEN);
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) chmodSync(path.join(dir, name), 0o600);
  return dir;
}

async function frozenVault(): Promise<Vault> {
  const dir = frozenCopy();
  return Vault.open(dir, async () => ({ method: 'passphrase', passphrase: FROZEN_PASSPHRASE }), { keychain: noKeychain });
}

async function freshVault(passphrase = 'another vault'): Promise<Vault> {
  const { vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase }, { keychain: noKeychain });
  return vault;
}

/** What each side file holds in the frozen vault, read through today's code. */
async function readAll(vault: Vault) {
  return {
    tokens: await new TokenCache(vault).read(),
    signins: await new SessionStore(vault).readAll(),
    mints: await new MintRecords(vault).read(),
  };
}

const FILES = ['tokens.ksc', 'signins.ksc', 'mints.ksc'] as const;
const header = (file: string) => {
  const { nonce: _n, box: _b, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return rest;
};

describe('files written before the shared module', () => {
  it('still open: the frozen token cache, sign-in and mint record read back exactly', async () => {
    const vault = await frozenVault();
    const { tokens, signins, mints } = await readAll(vault);
    expect(tokens[FROZEN_ID]).toEqual({ accessToken: 'frozen-access-token', tokenType: 'bearer', expiresAt: 4102444800000, mintedAt: 1767225600000, credentialHash: 'c'.repeat(64) });
    expect(signins[FROZEN_ID]?.refreshToken).toBe('frozen-refresh-token');
    expect(signins[FROZEN_ID]?.identity).toEqual({ source: 'none' });
    expect({ ...mints[FROZEN_ID] }).toEqual({ lastFailure: { at: 1767225600000, reason: 'frozen failure' } });
  });

  it('are rewritten with the same header, key order included, so older Keysmith versions still read them', async () => {
    const vault = await frozenVault();
    const before = Object.fromEntries(FILES.map((f) => [f, JSON.stringify(header(path.join(FROZEN, f)))]));
    const live = new Set([FROZEN_ID]);
    const token = (await new TokenCache(vault).read())[FROZEN_ID]!;
    await new TokenCache(vault).put(FROZEN_ID, { ...token, accessToken: 'rewritten' }, live);
    await new SessionStore(vault).put(FROZEN_ID, { ...(await new SessionStore(vault).get(FROZEN_ID))!, refreshToken: 'rewritten' });
    await new MintRecords(vault).record(FROZEN_ID, { ok: true }, live, 1767225600001);
    for (const f of FILES) {
      // The frozen header names the frozen vault; the copy is the same vault, so the headers are identical.
      expect(JSON.stringify(header(path.join(vault.paths.dir, f))), f).toBe(before[f]);
    }
    expect(header(path.join(vault.paths.dir, 'mints.ksc'))).not.toHaveProperty('vaultId');
    const after = await readAll(vault);
    expect(after.tokens[FROZEN_ID]?.accessToken).toBe('rewritten');
    expect(after.signins[FROZEN_ID]?.refreshToken).toBe('rewritten');
    expect(after.mints[FROZEN_ID]?.lastOkAt).toBe(1767225600001);
  });
});

describe('a damaged or foreign side file reads as nothing, never an error', () => {
  const expectNothing = async (vault: Vault, which: (typeof FILES)[number]) => {
    const all = await readAll(vault);
    const key = which === 'tokens.ksc' ? 'tokens' : which === 'signins.ksc' ? 'signins' : 'mints';
    expect({ ...all[key] }, which).toEqual({});
  };

  it.each(FILES)('%s with one byte of its sealed box flipped', async (name) => {
    const vault = await frozenVault();
    const file = path.join(vault.paths.dir, name);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { box: string };
    const box = Buffer.from(parsed.box, 'base64');
    box[Math.floor(box.length / 2)]! ^= 0x01;
    writeFileSync(file, JSON.stringify({ ...parsed, box: box.toString('base64') }));
    await expectNothing(vault, name);
  });

  it.each(FILES)('%s cut short', async (name) => {
    const vault = await frozenVault();
    const file = path.join(vault.paths.dir, name);
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectNothing(vault, name);
  });

  it.each(FILES)('%s copied from another vault', async (name) => {
    const frozen = await frozenVault();
    const other = await freshVault();
    copyFileSync(path.join(frozen.paths.dir, name), path.join(other.paths.dir, name));
    await expectNothing(other, name);
  });

  it('mints.ksc, whose header does not name the vault, from another vault with the header edited to match', async () => {
    // The AAD binds the vault id even where the header does not carry it.
    const frozen = await frozenVault();
    const other = await freshVault();
    copyFileSync(path.join(frozen.paths.dir, 'mints.ksc'), path.join(other.paths.dir, 'mints.ksc'));
    await expectNothing(other, 'mints.ksc');
    // and a token cache whose header is edited to name the other vault still fails its AAD and key
    const tokens = JSON.parse(readFileSync(path.join(frozen.paths.dir, 'tokens.ksc'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(other.paths.dir, 'tokens.ksc'), JSON.stringify({ ...tokens, vaultId: other.vaultId }));
    await expectNothing(other, 'tokens.ksc');
  });

  it('one side file swapped in for another of the same vault', async () => {
    const vault = await frozenVault();
    copyFileSync(path.join(vault.paths.dir, 'signins.ksc'), path.join(vault.paths.dir, 'tokens.ksc'));
    copyFileSync(path.join(vault.paths.dir, 'signins.ksc'), path.join(vault.paths.dir, 'mints.ksc'));
    await expectNothing(vault, 'tokens.ksc');
    await expectNothing(vault, 'mints.ksc');
    // With the header relabelled too, the key and AAD of the other file still refuse it.
    const signins = JSON.parse(readFileSync(path.join(vault.paths.dir, 'signins.ksc'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(vault.paths.dir, 'tokens.ksc'), JSON.stringify({ ...signins, format: 'keysmith-token-cache' }));
    await expectNothing(vault, 'tokens.ksc');
  });

  it.each(['null', '[]', '"text"', '{"format":"keysmith-token-cache","version":1}', '{"format":"keysmith-token-cache","version":1,"nonce":7,"box":null}'])(
    'a header that is %s',
    async (text) => {
      const vault = await frozenVault();
      for (const name of FILES) writeFileSync(path.join(vault.paths.dir, name), text.replace('keysmith-token-cache', name === 'mints.ksc' ? 'keysmith-mint-records' : name === 'signins.ksc' ? 'keysmith-signins' : 'keysmith-token-cache'));
      for (const name of FILES) await expectNothing(vault, name);
      // and the next write starts afresh instead of failing
      await new TokenCache(vault).put(FROZEN_ID, { accessToken: 'fresh', tokenType: 'bearer', mintedAt: 1, expiresAt: 2, credentialHash: 'h' }, new Set([FROZEN_ID]));
      expect((await new TokenCache(vault).read())[FROZEN_ID]?.accessToken).toBe('fresh');
    },
  );

  it.each(FILES)('%s larger than its bound (a sparse 2 GiB file) is not read', async (name) => {
    const vault = await frozenVault();
    const file = path.join(vault.paths.dir, name);
    // The sealed JSON first, then a hole: a reader that ignored the bound would find valid JSON's start and run out of memory.
    truncateSync(file, 2 * 1024 ** 3);
    await expectNothing(vault, name);
  });
});

describe('two processes writing the token cache at once', () => {
  it('lose no update: every put of both writers is in the file afterwards', async () => {
    const dir = frozenCopy();
    const count = 15;
    const ids = ['a', 'b'].flatMap((p) => Array.from({ length: count }, (_, i) => `${p}-${i}`));
    const writers = ['a', 'b'].map((prefix) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test', 'support', 'side-file-writer.ts'), dir, prefix, String(count), ids.join(',')], {
        cwd: ROOT,
        env: { ...process.env, KEYSMITH_PASSPHRASE: FROZEN_PASSPHRASE },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('ready\n') && resolve());
        child.on('close', () => reject(new Error(`writer ${prefix} ended before it was ready: ${err}`)));
      });
      const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
      return { child, ready, done };
    });
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.stdin.end('go\n');
    for (const result of await Promise.all(writers.map((w) => w.done))) {
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toContain('done');
    }
    const vault = await Vault.open(dir, async () => ({ method: 'passphrase', passphrase: FROZEN_PASSPHRASE }), { keychain: noKeychain });
    const entries = await new TokenCache(vault).read();
    expect(Object.keys(entries).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(entries[id]?.accessToken).toBe(`token-${id}`);
  }, 120_000);
});
