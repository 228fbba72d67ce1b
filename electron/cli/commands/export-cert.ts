import { findKeyPair, keyHolder } from '../../core/keys/keypair-store';
import { writeOutputFile } from '../../core/output-file';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

/** The certificate is public: stdout by default, for `> file.crt` or a pipe. */
export async function exportCert(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('export-cert', args, {
    fingerprint: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const key = findKeyPair(keyHolder(vault.document, positionals[0]!), values.fingerprint as string | undefined);
  if (values.out === undefined) {
    ctx.io.stdout.write(key.certificatePem);
    return;
  }
  await writeOutputFile(values.out as string, key.certificatePem, { mode: 0o644, overwrite: Boolean(values.force) });
  writeLine(ctx.io.stdout, `Wrote the certificate ${key.fingerprintSha256} to ${values.out}`);
}
