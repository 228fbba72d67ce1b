/**
 * Whether the real OS keychain (Secret Service on Linux) works here. `npm test` starts a private
 * gnome-keyring session and sets KEYSMITH_REQUIRE_KEYCHAIN=1, and then (as under CI) a missing
 * keychain fails the suite instead of skipping it: requirements.ts's rule.
 */
import { randomUUID } from 'node:crypto';
import { OsKeychain } from '../../electron/core/keychain';
import { requirement, underCi } from './requirements';

export async function probeKeychain(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const keychain = new OsKeychain('Keysmith test probe');
  const account = randomUUID();
  try {
    await keychain.set(account, 'probe');
    const back = await keychain.get(account);
    await keychain.delete(account);
    return back === 'probe' ? { ok: true } : { ok: false, reason: 'the keychain did not return what was stored' };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/** Resolves to true when keychain tests should run; prints why when they are skipped. */
export async function keychainTestsEnabled(suite: string): Promise<boolean> {
  const probe = await probeKeychain();
  const problem = probe.ok
    ? null
    : `no usable OS keychain (${probe.reason}); run \`npm test\` on a machine with gnome-keyring and dbus (apt-get install gnome-keyring dbus dbus-x11)`;
  return requirement(suite, problem, { requiredWhen: process.env.KEYSMITH_REQUIRE_KEYCHAIN === '1' || underCi() });
}
