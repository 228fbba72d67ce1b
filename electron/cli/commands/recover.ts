import { KeysmithError } from '../../core/errors';
import { Vault } from '../../core/vault';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { readNewPassphrase } from '../passphrase-input';
import { promptHidden, readStdin, writeLine } from '../terminal';

/**
 * Opens the vault with the recovery key and gives it a working everyday unlock again: a fresh key in
 * the OS keychain, or (with --passphrase) a new passphrase. The recovery key keeps working.
 */
export async function recover(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('recover', args, {
    'recovery-key-stdin': { type: 'boolean' },
    passphrase: { type: 'boolean' },
  }, { min: 0, max: 0, names: '' });
  if (values.passphrase && values['recovery-key-stdin'] && !ctx.env.KEYSMITH_PASSPHRASE) {
    throw new KeysmithError('usage', 'With --recovery-key-stdin, give the new passphrase in KEYSMITH_PASSPHRASE');
  }
  const recoveryKey = values['recovery-key-stdin'] ? await readStdin(ctx.io, 'recovery key') : await promptHidden(ctx.io, 'Recovery key: ');
  const vault = await Vault.open(ctx.dataDir, async () => ({ method: 'recovery', recoveryKey }), { keychain: ctx.keychain });
  if (values.passphrase) {
    await vault.setUnlock({ method: 'passphrase', passphrase: await readNewPassphrase(ctx, false) });
    writeLine(ctx.io.stdout, 'Vault recovered: it now opens with your new passphrase. The recovery key still works.');
  } else {
    await vault.setUnlock({ method: 'keychain' });
    writeLine(ctx.io.stdout, 'Vault recovered: its key is back in the OS keychain. The recovery key still works.');
  }
}
