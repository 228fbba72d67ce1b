import { KeysmithError } from '../../core/errors';
import { Vault } from '../../core/vault';
import { printRecoveryKey, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { readNewPassphrase } from '../passphrase-input';
import { writeLine } from '../terminal';
import { visibleText } from '../../shared/terminal-text';

export async function init(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('init', args, {
    passphrase: { type: 'boolean' },
    'passphrase-stdin': { type: 'boolean' },
  }, { min: 0, max: 0, names: '' });
  const usePassphrase = Boolean(values.passphrase || values['passphrase-stdin'] || ctx.env.KEYSMITH_PASSPHRASE);
  if (await Vault.exists(ctx.dataDir)) {
    throw new KeysmithError('vault_exists', `A vault already exists in ${ctx.dataDir}; nothing was changed`);
  }
  const how = usePassphrase
    ? { method: 'passphrase' as const, passphrase: await readNewPassphrase(ctx, Boolean(values['passphrase-stdin'])) }
    : { method: 'keychain' as const };
  const { vault, recoveryKey } = await Vault.create(ctx.dataDir, how, { keychain: ctx.keychain });
  writeLine(ctx.io.stdout, `Created vault ${vault.vaultId} at ${visibleText(vault.paths.vault)}`);
  writeLine(ctx.io.stdout, usePassphrase ? 'Unlocked by: your passphrase (KEYSMITH_PASSPHRASE or a prompt)' : 'Unlocked by: the OS keychain');
  // On a terminal, with the rest. Otherwise stdout may be read by a program that drops it
  // (`keysmith init | head -1`, a log nobody reads) and the key, shown once, would be lost:
  // stderr is where the person running the command looks.
  printRecoveryKey(ctx.io.stdout.isTTY ? ctx.io.stdout : ctx.io.stderr, recoveryKey);
}
