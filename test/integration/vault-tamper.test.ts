/**
 * A damaged or tampered vault must say so ("vault_tampered", pointing at `keysmith restore-backup`)
 * and never pass for a wrong passphrase, never crash with some other exception, never open. Also:
 * restoring the backup generation, files from a newer Keysmith, and a wrong passphrase.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveFromPassphrase } from '../../electron/core/crypto-primitives';
import { vaultPaths } from '../../electron/core/data-dir';
import { KeysmithError } from '../../electron/core/errors';
import { addIntegration } from '../../electron/core/integration-store';
import type { Keychain } from '../../electron/core/keychain';
import { Vault } from '../../electron/core/vault';
import { decryptBody, encodeVault, findWrap, parseVault, unwrapDataKey, type VaultHeader } from '../../electron/core/vault-envelope';
import { runCli, tempDataDir } from '../support/cli';

const PASSPHRASE = 'tamper test passphrase';
const refuse = (): never => {
  throw new Error('the keychain must not be used for a passphrase vault');
};
const deps = { keychain: { get: refuse, set: refuse, delete: refuse } satisfies Keychain };
const byPassphrase = async () => ({ method: 'passphrase' as const, passphrase: PASSPHRASE });
const openVault = (dir: string) => Vault.open(dir, byPassphrase, deps);

/** Generation 4 (3 integrations) with generation 3 (2 integrations) as vault.ksv.bak. */
let source: string;
let pristine: Buffer;
let dataKey: Buffer;

beforeAll(async () => {
  source = tempDataDir();
  const { vault } = await Vault.create(source, { method: 'passphrase', passphrase: PASSPHRASE }, deps);
  for (const name of ['first', 'second', 'third']) {
    await vault.update((doc) => addIntegration(doc, { kind: 'apiKey', name, clientId: `cid-${name}`, description: 'tamper target' }));
  }
  pristine = readFileSync(vaultPaths(source).vault);
  // Unwrapped once here, so the thousands of damaged variants below are checked without scrypt.
  const { header } = parseVault(pristine, 'pristine');
  const wrap = findWrap(header, 'passphrase')!;
  const kek = await deriveFromPassphrase(PASSPHRASE, Buffer.from(wrap.kdf.salt, 'base64'), wrap.kdf);
  dataKey = unwrapDataKey(header.vaultId, wrap, kek)!;
});

/** A private copy of the source vault (current and backup generation), so tests do not share damage. */
function cloneVault(): string {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const file of ['vault.ksv', 'vault.ksv.bak']) copyFileSync(path.join(source, file), path.join(dir, file));
  return dir;
}

/** What opening these bytes gives, as a string: 'ok', a KeysmithError code, or the foreign exception. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (err) {
    return err instanceof KeysmithError ? err.code : `exception ${String(err)}`;
  }
}

/** Vault.open's checks, in memory and with the data key: frame, checksum, header, GCM, document. */
function readInMemory(bytes: Buffer): unknown {
  const parsed = parseVault(bytes, 'vault.ksv');
  return JSON.parse(decryptBody(parsed, dataKey, 'vault.ksv').toString('utf8'));
}

async function openOutcome(dir: string): Promise<string> {
  try {
    await openVault(dir);
    return 'ok';
  } catch (err) {
    return err instanceof KeysmithError ? err.code : `exception ${String(err)}`;
  }
}

function flipped(bytes: Buffer, offset: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset]! ^= mask;
  return copy;
}

/** The three lines of a vault file, and a re-framing with a correct checksum (what a forger would do). */
function lines(bytes: Buffer): { header: Buffer; body: Buffer } {
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  return { header: bytes.subarray(0, first), body: bytes.subarray(first + 1, second) };
}
function frame(header: Buffer, body: Buffer): Buffer {
  const sum = createHash('sha256').update(header).update('\n').update(body).update('\n').digest('hex');
  return Buffer.concat([header, Buffer.from('\n'), body, Buffer.from(`\n${`sha256:${sum}`}\n`)]);
}

describe('a damaged vault file', () => {
  it('reports every single-bit flip at every offset as vault_tampered', () => {
    expect(outcome(() => readInMemory(pristine))).toBe('ok');
    const failures: string[] = [];
    for (let offset = 0; offset < pristine.length; offset++) {
      for (const mask of [0x01, 0x80]) {
        const result = outcome(() => readInMemory(flipped(pristine, offset, mask)));
        if (result !== 'vault_tampered') failures.push(`offset ${offset} ^0x${mask.toString(16)}: ${result}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reports a flip as vault_tampered end to end, even inside the passphrase wrap (never wrong_passphrase)', async () => {
    const dir = cloneVault();
    const file = vaultPaths(dir).vault;
    const { header, body } = lines(pristine);
    const salt = findWrap(parseVault(pristine, 'p').header, 'passphrase')!.kdf.salt;
    const offsets = {
      'first byte': 0,
      'passphrase salt': pristine.indexOf(salt) + 3,
      'middle of the body': header.length + 1 + Math.floor(body.length / 2),
      'checksum digits': pristine.length - 10,
      'final newline': pristine.length - 1,
    };
    for (const [where, offset] of Object.entries(offsets)) {
      writeFileSync(file, flipped(pristine, offset, 0x01));
      expect(await openOutcome(dir), where).toBe('vault_tampered');
      writeFileSync(file, pristine);
    }
    // The restored bytes open: the failures above were the flips, not the set-up.
    expect(await openOutcome(dir)).toBe('ok');
  });

  it('reports a forged file (content altered, checksum recomputed) as vault_tampered: GCM covers header and body', async () => {
    const { header, body } = lines(pristine);
    expect(outcome(() => readInMemory(frame(header, body)))).toBe('ok');
    const failures: string[] = [];
    for (let offset = 0; offset < header.length; offset++) {
      const result = outcome(() => readInMemory(frame(flipped(header, offset, 0x01), body)));
      if (result !== 'vault_tampered') failures.push(`header offset ${offset}: ${result}`);
    }
    // Altered on the decoded ciphertext: base64 text has slack bits that decode to the same bytes.
    const box = Buffer.from(body.toString('ascii'), 'base64');
    for (let offset = 0; offset < box.length; offset++) {
      const result = outcome(() => readInMemory(frame(header, Buffer.from(flipped(box, offset, 0x01).toString('base64')))));
      if (result !== 'vault_tampered') failures.push(`ciphertext offset ${offset}: ${result}`);
    }
    expect(failures).toEqual([]);

    const dir = cloneVault();
    writeFileSync(vaultPaths(dir).vault, frame(header, Buffer.from(flipped(box, 5, 0x01).toString('base64'))));
    expect(await openOutcome(dir)).toBe('vault_tampered');
  });

  it('reports truncation at every length, and trailing bytes, as vault_tampered', async () => {
    const failures: string[] = [];
    for (let length = 0; length < pristine.length; length++) {
      const result = outcome(() => readInMemory(pristine.subarray(0, length)));
      if (result !== 'vault_tampered') failures.push(`length ${length}: ${result}`);
    }
    for (const extra of ['\n', 'x', '\n\n']) {
      const result = outcome(() => readInMemory(Buffer.concat([pristine, Buffer.from(extra)])));
      if (result !== 'vault_tampered') failures.push(`appended ${JSON.stringify(extra)}: ${result}`);
    }
    expect(failures).toEqual([]);

    const dir = cloneVault();
    for (const length of [0, lines(pristine).header.length + 1, pristine.length - 1]) {
      writeFileSync(vaultPaths(dir).vault, pristine.subarray(0, length));
      expect(await openOutcome(dir), `length ${length}`).toBe('vault_tampered');
    }
  });
});

describe('restoring the backup generation', () => {
  /** A body byte flipped: the kind of damage restore-backup is for. */
  function corrupt(dir: string): Buffer {
    const damaged = flipped(pristine, lines(pristine).header.length + 40, 0x01);
    writeFileSync(vaultPaths(dir).vault, damaged);
    return damaged;
  }

  it('brings back the previous generation, keeps the damaged file, and accepts updates again', async () => {
    const dir = cloneVault();
    const damaged = corrupt(dir);
    expect(await openOutcome(dir)).toBe('vault_tampered');

    const { vault, keptAs } = await Vault.restoreBackup(dir, byPassphrase, deps);
    expect(vault.generation).toBe(3);
    expect(vault.document.integrations.map((i) => i.name)).toEqual(['first', 'second']);
    expect(keptAs).not.toBeNull();
    expect(path.dirname(keptAs!)).toBe(dir);
    expect(path.basename(keptAs!)).toMatch(/^vault\.ksv\.damaged-/);
    expect(readFileSync(keptAs!).equals(damaged)).toBe(true);

    await vault.update((doc) => addIntegration(doc, { kind: 'apiKey', name: 'fourth', clientId: 'cid-fourth' }));
    const reopened = await openVault(dir);
    expect(reopened.generation).toBe(4);
    expect(reopened.document.integrations.map((i) => i.name)).toEqual(['first', 'second', 'fourth']);
  });

  it('touches nothing when the backup is damaged too', async () => {
    const dir = cloneVault();
    const damaged = corrupt(dir);
    const backup = vaultPaths(dir).backup;
    writeFileSync(backup, readFileSync(backup).subarray(0, 100));
    const before = readdirSync(dir).sort();

    await expect(Vault.restoreBackup(dir, byPassphrase, deps)).rejects.toMatchObject({ code: 'vault_tampered' });
    expect(readFileSync(vaultPaths(dir).vault).equals(damaged)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('through the CLI: list fails in one line pointing at restore-backup, which then brings back the previous generation', async () => {
    const dir = cloneVault();
    corrupt(dir);
    const env = { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE };

    const broken = await runCli(['list'], { env });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(broken.stderr).toContain('keysmith restore-backup');

    const restore = await runCli(['restore-backup'], { env });
    expect(restore.code, restore.stderr).toBe(0);
    expect(readdirSync(dir).some((n) => n.startsWith('vault.ksv.damaged-'))).toBe(true);

    const list = await runCli(['list', '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((r) => r.name)).toEqual(['first', 'second']);
  });
});

describe('a vault from a newer Keysmith', () => {
  const currentHeader = (): Omit<VaultHeader, 'nonce'> => {
    const { nonce: _nonce, ...header } = parseVault(pristine, 'p').header;
    return header;
  };

  it('with a newer file format is refused as vault_too_new, asking to upgrade', async () => {
    const dir = cloneVault();
    const plain = decryptBody(parseVault(pristine, 'p'), dataKey, 'p');
    writeFileSync(vaultPaths(dir).vault, encodeVault({ ...currentHeader(), version: 2 }, dataKey, plain));
    await expect(openVault(dir)).rejects.toMatchObject({ code: 'vault_too_new', message: expect.stringMatching(/upgrade Keysmith/) });

    // The frame is the compatibility promise: a newer header may look entirely different inside.
    const alien = Buffer.from(JSON.stringify({ format: 'keysmith-vault', version: 7, keyslots: [] }));
    writeFileSync(vaultPaths(dir).vault, frame(alien, Buffer.from('AAAA')));
    await expect(openVault(dir)).rejects.toMatchObject({ code: 'vault_too_new', message: expect.stringMatching(/upgrade Keysmith/) });
  });

  it('with a newer document schema in a valid frame is refused as vault_too_new, asking to upgrade', async () => {
    const dir = cloneVault();
    const doc = { schema: 2, integrations: [], settings: { theme: 'dark' } };
    writeFileSync(vaultPaths(dir).vault, encodeVault({ ...currentHeader(), generation: 5 }, dataKey, Buffer.from(JSON.stringify(doc))));
    await expect(openVault(dir)).rejects.toMatchObject({ code: 'vault_too_new', message: expect.stringMatching(/upgrade Keysmith/) });
  });
});

describe('a wrong passphrase', () => {
  it('is wrong_passphrase, and leaves every file as it was', async () => {
    const dir = cloneVault();
    const snapshot = () => readdirSync(dir).sort().map((n) => [n, readFileSync(path.join(dir, n)).toString('base64')]);
    const before = snapshot();
    await expect(Vault.open(dir, async () => ({ method: 'passphrase', passphrase: `${PASSPHRASE}!` }), deps)).rejects.toMatchObject({
      code: 'wrong_passphrase',
    });
    expect(snapshot()).toEqual(before);
  });
});
