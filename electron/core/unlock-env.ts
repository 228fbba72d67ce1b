/**
 * Keysmith's unlock material in the environment (KEYSMITH_PASSPHRASE, and whatever KEYSMITH_*
 * variable is added later) is for Keysmith alone: a process it starts (the command of `keysmith
 * exec`, a browser or file manager the app opens) gets the caller's environment without it. Only the
 * settings below, which unlock nothing, are passed on; so a stale KEYSMITH_API_KEY from an outer
 * `exec` cannot pass for the credentials handed over either.
 */

/** KEYSMITH_HOME stays, so a `keysmith` run by the command finds the same vault (it must still unlock it by itself). */
const SETTINGS = new Set(['KEYSMITH_HOME', 'KEYSMITH_HTTP_TIMEOUT_MS', 'KEYSMITH_DEBUG']);

/** Upper-cased: Windows reads KEYSMITH_PASSPHRASE from keysmith_passphrase too. */
export function isUnlockMaterial(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.startsWith('KEYSMITH_') && !SETTINGS.has(upper);
}

export function withoutUnlockMaterial(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && !isUnlockMaterial(name)));
}

/** For a process that never reads them (the app): gone from its own environment, so nothing it starts inherits them. */
export function forgetUnlockMaterial(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of Object.keys(env)) if (isUnlockMaterial(name)) delete env[name];
}
