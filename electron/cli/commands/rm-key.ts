import { removeKeyPair } from '../../core/keys/keypair-store';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

export async function rmKey(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('rm-key', args, { fingerprint: { type: 'string' } }, { min: 1, max: 1, names: 'the name of the integration' });
  if (values.fingerprint === undefined) throw usageError('rm-key', '--fingerprint is required (see `keysmith certs NAME`)');
  const vault = await openVault(ctx);
  const key = await vault.update((doc) => removeKeyPair(doc, positionals[0]!, values.fingerprint as string));
  writeLine(ctx.io.stdout, `Removed the key ${key.fingerprintSha256} from "${positionals[0]}" (the previous vault generation is kept in ${vault.paths.backup})`);
}
