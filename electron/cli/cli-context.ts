/**
 * What every command gets: the terminal, the environment, the data directory and the keychain, and
 * the one way to open (or, on first use, create) the vault with the unlock method its header asks for.
 */
import { KeysmithError, isKeysmithError, restated } from '../core/errors';
import { visibleText } from '../shared/terminal-text';
import { defaultDataDir } from '../core/data-dir';
import { OsKeychain, type Keychain } from '../core/keychain';
import { Vault, type UnlockChooser } from '../core/vault';
import { findWrap } from '../core/vault-envelope';
import { SESSION_ENV, openSession } from '../core/vault-session';
import { acceptNewPassphrase } from './passphrase-input';
import { promptHidden, type Io } from './terminal';

export interface CliContext {
  io: Io;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  keychain: Keychain;
}

export function createContext(io: Io, env: NodeJS.ProcessEnv): CliContext {
  return { io, env, dataDir: defaultDataDir(env), keychain: new OsKeychain() };
}

/** KEYSMITH_PASSPHRASE wins when the vault has a passphrase; else the keychain; else ask on a terminal. */
export function unlockChooser(ctx: CliContext): UnlockChooser {
  return async (header) => {
    const envPassphrase = ctx.env.KEYSMITH_PASSPHRASE;
    const hasPassphrase = Boolean(findWrap(header, 'passphrase'));
    if (hasPassphrase && envPassphrase) return { method: 'passphrase', passphrase: envPassphrase };
    if (findWrap(header, 'keychain')) return { method: 'keychain' };
    let sessionProblem = '';
    const token = ctx.env[SESSION_ENV];
    if (hasPassphrase && token) {
      const session = await openSession(ctx.dataDir, header.vaultId, token);
      if (session.ok) return { method: 'session', dataKey: session.dataKey };
      sessionProblem = `${SESSION_ENV} does not open it (${session.why})`;
    }
    if (hasPassphrase && ctx.io.stdin.isTTY) {
      if (sessionProblem) ctx.io.stderr.write(`${visibleText(sessionProblem)}: \`eval "$(keysmith unlock)"\` starts a new session.\n`);
      return { method: 'passphrase', passphrase: await promptHidden(ctx.io, 'Vault passphrase: ') };
    }
    throw new KeysmithError(
      'passphrase_required',
      `This vault is protected by a passphrase${sessionProblem ? ` and ${sessionProblem}` : ''}`,
      { action: 'unlock' },
    );
  };
}

export async function openVault(ctx: CliContext): Promise<Vault> {
  try {
    return await Vault.open(ctx.dataDir, unlockChooser(ctx), { keychain: ctx.keychain });
  } catch (err) {
    // The vault exists and its key is in the keychain: `init` would be the wrong advice here.
    if (isKeysmithError(err, 'keychain_unavailable')) {
      const detail = /not available \(([^)]*)\)/.exec(err.message)?.[1];
      throw new KeysmithError(
        'keychain_unavailable',
        `The OS keychain${detail ? ` is not available (${detail})` : ' is not available'}, and this vault's key is kept there`,
        { action: 'recover_to_passphrase', cause: err },
      );
    }
    throw err;
  }
}

/** Null when there is no vault yet, so read-only commands can say "empty" without creating one. */
export async function openVaultIfExists(ctx: CliContext): Promise<Vault | null> {
  try {
    return await openVault(ctx);
  } catch (err) {
    if (isKeysmithError(err, 'vault_not_found')) return null;
    throw err;
  }
}

export function printRecoveryKey(stream: NodeJS.WriteStream, recoveryKey: string): void {
  stream.write(
    [
      '',
      'Recovery key (shown once; store it somewhere safe, such as a password manager):',
      '',
      `    ${recoveryKey}`,
      '',
      'It reopens this vault with `keysmith recover` if the keychain entry or the passphrase is lost.',
      '',
    ].join('\n'),
  );
}

/**
 * The vault is created on first write: with the keychain, or with KEYSMITH_PASSPHRASE when set.
 * Without either, the error says how to choose passphrase mode.
 */
export async function openOrCreateVault(ctx: CliContext): Promise<Vault> {
  const existing = await openVaultIfExists(ctx);
  if (existing) return existing;
  const passphrase = ctx.env.KEYSMITH_PASSPHRASE;
  // The rule `keysmith init` applies: a first `add` must not make a vault that init would refuse.
  if (passphrase) acceptNewPassphrase(passphrase, 'KEYSMITH_PASSPHRASE');
  try {
    const { vault, recoveryKey } = await Vault.create(
      ctx.dataDir,
      passphrase ? { method: 'passphrase', passphrase } : { method: 'keychain' },
      { keychain: ctx.keychain },
    );
    ctx.io.stderr.write(`Created a new vault at ${visibleText(vault.paths.vault)} (${passphrase ? 'passphrase from KEYSMITH_PASSPHRASE' : 'key in the OS keychain'}).\n`);
    printRecoveryKey(ctx.io.stderr, recoveryKey);
    return vault;
  } catch (err) {
    if (isKeysmithError(err, 'keychain_unavailable')) {
      throw restated(err, `Cannot create a vault: ${err.message}`);
    }
    if (isKeysmithError(err, 'vault_exists')) return openVault(ctx); // another process created it first
    throw err;
  }
}
