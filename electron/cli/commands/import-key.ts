import { importKeyMaterial } from '../../core/keys/keypair-factory';
import { attachKeyPair, keyHolder, summarizeKeyPair } from '../../core/keys/keypair-store';
import { MAX_PEM_INPUT_BYTES } from '../../core/keys/private-key-import';
import { readInputFile } from '../../core/output-file';
import { defaultCommonName } from '../../shared/key-limits';
import { openVault, type CliContext } from '../cli-context';
import { expiryWarning } from '../key-output';
import { parseCommandArgs, usageError } from '../parse-args';
import { readStdin, writeLine } from '../terminal';

export async function importKey(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('import-key', args, {
    key: { type: 'string' },
    cert: { type: 'string' },
    'passphrase-stdin': { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  if (values.key === undefined) throw usageError('import-key', '--key FILE is required');
  const keyPem = await readInputFile(values.key as string, 'private key', MAX_PEM_INPUT_BYTES);
  const certificatePem = values.cert === undefined ? undefined : await readInputFile(values.cert as string, 'certificate', MAX_PEM_INPUT_BYTES);
  const passphrase = values['passphrase-stdin'] ? await readStdin(ctx.io, 'key passphrase') : undefined;

  const vault = await openVault(ctx);
  const integration = keyHolder(vault.document, positionals[0]!);
  const { material, certificateGenerated } = await importKeyMaterial({
    keyPem,
    ...(passphrase !== undefined && { passphrase }),
    ...(certificatePem !== undefined && { certificatePem }),
    subjectForNewCertificate: { CN: defaultCommonName(integration.name) },
  });
  const stored = summarizeKeyPair(await vault.update((doc) => attachKeyPair(doc, integration.name, material)));
  writeLine(ctx.io.stdout, `Imported an RSA ${stored.bits} key into "${integration.name}"${stored.active ? ' (active)' : ''}`);
  writeLine(ctx.io.stdout, `Fingerprint (SHA-256): ${stored.fingerprintSha256}`);
  if (certificateGenerated) {
    writeLine(ctx.io.stdout, `No certificate was given, so a new one was made for this key (valid until ${stored.notAfter.slice(0, 10)}): \`keysmith export-cert "${integration.name}"\` writes it for upload`);
  }
  const warning = expiryWarning(stored);
  if (warning) writeLine(ctx.io.stderr, warning);
}
