import { vaultPaths } from '../../core/data-dir';
import { KeysmithError } from '../../core/errors';
import { Vault, type NewUnlock } from '../../core/vault';
import type { UnlockMethod } from '../../core/vault-envelope';
import type { CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { acceptNewPassphrase, assertCanAskNewPassphrase, readNewPassphrase } from '../passphrase-input';
import { promptHidden, readStdin, writeLine } from '../terminal';

type Everyday = Exclude<UnlockMethod, 'recovery'>;

/** What the user sees afterwards: exactly what now opens the vault, and what no longer does. */
function report(before: Everyday[], after: Everyday[]): string {
  const lines: string[] = [];
  if (after.includes('keychain')) lines.push('a fresh key in the OS keychain opens it');
  if (after.includes('passphrase')) lines.push(before.includes('passphrase') ? 'your new passphrase opens it (the old one no longer does)' : 'your new passphrase opens it');
  if (before.includes('keychain') && !after.includes('keychain')) lines.push('its OS keychain entry was removed');
  if (before.includes('passphrase') && !after.includes('passphrase')) lines.push('the passphrase no longer opens it');
  const switched = after.some((m) => !before.includes(m));
  return `Vault recovered${switched ? ` and switched to ${after.includes('keychain') ? 'the OS keychain' : 'a passphrase'}` : ''}: ${lines.join('; ')}. The recovery key still works.`;
}

/**
 * Opens the vault with its recovery key and gives it back the everyday unlock it had: a fresh key in
 * the OS keychain for a keychain vault, a new passphrase for a passphrase vault. `--keychain` or
 * `--passphrase` switches to that one instead, and the other stops opening the vault. The recovery
 * key keeps working either way.
 */
export async function recover(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('recover', args, {
    'recovery-key-stdin': { type: 'boolean' },
    passphrase: { type: 'boolean' },
    keychain: { type: 'boolean' },
  }, { min: 0, max: 0, names: '' });
  if (values.passphrase && values.keychain) throw usageError('recover', 'Choose --keychain or --passphrase, not both');
  const header = await Vault.readHeader(ctx.dataDir);
  if (!header) throw new KeysmithError('vault_not_found', `No vault at ${vaultPaths(ctx.dataDir).vault}: there is nothing to recover`);
  const before = header.wraps.map((w) => w.method).filter((m): m is Everyday => m !== 'recovery');
  const after: Everyday[] = values.keychain ? ['keychain'] : values.passphrase ? ['passphrase'] : before;
  if (after.length === 0) throw usageError('recover', 'This vault has no everyday unlock to restore: choose one with --keychain or --passphrase');

  // Settled before the recovery key is read: a piped key leaves no terminal to ask a passphrase on.
  if (after.includes('passphrase')) {
    if (values['recovery-key-stdin'] && !ctx.env.KEYSMITH_PASSPHRASE) {
      throw usageError('recover', 'With --recovery-key-stdin, give the new passphrase in KEYSMITH_PASSPHRASE');
    }
    assertCanAskNewPassphrase(ctx);
    if (ctx.env.KEYSMITH_PASSPHRASE) acceptNewPassphrase(ctx.env.KEYSMITH_PASSPHRASE, 'KEYSMITH_PASSPHRASE');
  }
  const recoveryKey = values['recovery-key-stdin'] ? await readStdin(ctx.io, 'recovery key') : await promptHidden(ctx.io, 'Recovery key: ');
  const vault = await Vault.open(ctx.dataDir, async () => ({ method: 'recovery', recoveryKey }), { keychain: ctx.keychain });
  const hows: NewUnlock[] = [];
  for (const method of after) {
    hows.push(method === 'keychain' ? { method } : { method, passphrase: await readNewPassphrase(ctx, false) });
  }
  await vault.setUnlocks(hows);
  writeLine(ctx.io.stdout, report(before, after));
}
