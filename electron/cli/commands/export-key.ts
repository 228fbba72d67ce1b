import { findKeyPair, keyHolder } from '../../core/keys/keypair-store';
import { writeOutputFile } from '../../core/output-file';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';

/** The one way a private key leaves the vault: to a named file, readable by its owner only. Never stdout. */
export async function exportKey(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('export-key', args, {
    fingerprint: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  if (values.out === undefined) throw usageError('export-key', '--out FILE is required: a private key is never written to the terminal');
  const vault = await openVault(ctx);
  const key = findKeyPair(keyHolder(vault.document, positionals[0]!), values.fingerprint as string | undefined);
  await writeOutputFile(values.out as string, key.privateKeyPem, { mode: 0o600, overwrite: Boolean(values.force) });
  writeLine(ctx.io.stdout, `Wrote the private key of ${key.fingerprintSha256} to ${values.out} (mode 0600): delete it when you are done with it`);
}
