/**
 * One passphrase rule for every way a vault is created or given a new passphrase: `keysmith init`
 * (prompt, stdin or KEYSMITH_PASSPHRASE), the first `add` or `import`, the app's first run, and the
 * core underneath them all, so no later path can skip it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Keychain } from '../../electron/core/keychain';
import { MIN_PASSPHRASE_CHARS, newPassphraseProblem } from '../../electron/shared/passphrase-rule';
import { Vault } from '../../electron/core/vault';
import { REQUEST_SCHEMAS } from '../../electron/shared/ipc/contract';
import { ROOT, runCli, tempDataDir } from '../support/cli';

/** No OS keychain in these child processes: nothing here may depend on (or reach) one. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keysmith-test-bus', DISPLAY: '' };
const OLD = 'the original passphrase';
const SHORT = ['x', 'seven77', '🔑🔑🔑🔑🔑🔑🔑', 'e\u0301'.repeat(7)];

const refuse = (): never => {
  throw new Error('the keychain must not be used here');
};
const noKeychain: Keychain = { get: refuse, set: refuse, delete: refuse };

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

describe('one passphrase rule for every way a vault is created', () => {
  it('counts characters as people see them: 8 emoji or 8 accented letters are enough, 7 are not', () => {
    expect(MIN_PASSPHRASE_CHARS).toBe(8);
    for (const short of SHORT) expect(newPassphraseProblem(short), short).toMatch(/at least 8 characters/);
    for (const ok of ['eight ch', '🔑🔑🔑🔑🔑🔑🔑🔑', 'e\u0301'.repeat(8), 'a brand new passphrase']) expect(newPassphraseProblem(ok), ok).toBeNull();
  });

  it('the first `add` refuses KEYSMITH_PASSPHRASE=x and creates nothing', async () => {
    const dir = tempDataDir();
    const result = await runCli(['add', 'apikey', '--name', 'first', '--client-id', 'abc'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: 'x', ...NO_KEYCHAIN } });
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/KEYSMITH_PASSPHRASE.*at least 8 characters/);
    expect(await Vault.exists(dir)).toBe(false);
  });

  it('the first `import` refuses a short KEYSMITH_PASSPHRASE and creates nothing', async () => {
    const dir = tempDataDir();
    const file = path.join(ROOT, 'test', 'fixtures', 'import', 'api-key.env');
    const result = await runCli(['import', file], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: 'seven77', ...NO_KEYCHAIN } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at least 8 characters/);
    expect(await Vault.exists(dir)).toBe(false);
  });

  it('`init` refuses a short passphrase from the environment and from stdin', async () => {
    const dir = tempDataDir();
    const fromEnv = await runCli(['init'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: '🔑🔑🔑🔑🔑🔑🔑', ...NO_KEYCHAIN } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toMatch(/at least 8 characters/);
    const fromStdin = await runCli(['init', '--passphrase-stdin'], { env: { KEYSMITH_HOME: dir, ...NO_KEYCHAIN }, input: 'short\n' });
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.stderr).toMatch(/at least 8 characters/);
    expect(await Vault.exists(dir)).toBe(false);
    const ok = await runCli(['init', '--passphrase-stdin'], { env: { KEYSMITH_HOME: dir, ...NO_KEYCHAIN }, input: '🔑🔑🔑🔑🔑🔑🔑🔑\n' });
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('the core refuses it too, so the app and any later path cannot skip it', async () => {
    for (const short of SHORT) {
      await expect(Vault.create(tempDataDir(), { method: 'passphrase', passphrase: short }, { keychain: noKeychain })).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'passphrase',
      });
    }
    const { vault } = await Vault.create(tempDataDir(), { method: 'passphrase', passphrase: OLD }, { keychain: noKeychain });
    await expect(vault.setUnlock({ method: 'passphrase', passphrase: 'short' })).rejects.toMatchObject({ code: 'invalid_input', field: 'passphrase' });
  });

  it("the app's create-vault request applies the same rule", () => {
    const schema = REQUEST_SCHEMAS['vault:create'];
    for (const short of SHORT) expect(schema.safeParse({ method: 'passphrase', passphrase: short }).success, short).toBe(false);
    expect(schema.safeParse({ method: 'passphrase', passphrase: '🔑🔑🔑🔑🔑🔑🔑🔑' }).success).toBe(true);
    const refused = schema.safeParse({ method: 'passphrase', passphrase: 'seven77' });
    expect(refused.success ? '' : refused.error.issues[0]!.message).toBe(newPassphraseProblem('seven77'));
  });
});
