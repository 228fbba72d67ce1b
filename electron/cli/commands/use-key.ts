import { setActiveKey } from '../../core/keys/keypair-store';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

export async function useKey(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('use-key', args, { fingerprint: { type: 'string' } }, { min: 1, max: 1, names: 'the name of the integration' });
  if (values.fingerprint === undefined) throw usageError('use-key', '--fingerprint is required (see `keysmith certs NAME`)');
  const vault = await openVault(ctx);
  const key = await vault.update((doc) => setActiveKey(doc, positionals[0]!, values.fingerprint as string));
  writeLine(ctx.io.stdout, `${key.fingerprintSha256} is now the active key of "${positionals[0]}"`);
}
