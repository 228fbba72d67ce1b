import path from 'node:path';
import { KeysmithError } from '../../core/errors';
import { DEFAULT_CERTIFICATE_DAYS, startKeyGeneration } from '../../core/keys/keypair-factory';
import { attachKeyPair, keyHolder, summarizeKeyPair } from '../../core/keys/keypair-store';
import { isRsaKeySize } from '../../core/keys/rsa-keygen';
import { writeOutputFile } from '../../core/output-file';
import { DEFAULT_RSA_KEY_SIZE, RSA_KEY_SIZES_TEXT, defaultCommonName } from '../../shared/key-limits';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { defaultCertificatePath, describeNewKey, expiryWarning, shortFingerprint } from '../key-output';
import { cliErrorLine } from '../error-actions';
import { writeJson } from '../output';
import { spinner } from '../progress';
import { writeLine } from '../terminal';

function integerFlag(command: string, flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw usageError(command, `--${flag} must be a whole number (got "${value}")`);
  return Number(value);
}

export async function keygen(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('keygen', args, {
    bits: { type: 'string' },
    days: { type: 'string' },
    cn: { type: 'string' },
    org: { type: 'string' },
    ou: { type: 'string' },
    country: { type: 'string' },
    'cert-out': { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  const bits = integerFlag('keygen', 'bits', values.bits as string | undefined, DEFAULT_RSA_KEY_SIZE);
  if (!isRsaKeySize(bits)) throw usageError('keygen', `--bits must be ${RSA_KEY_SIZES_TEXT} (got ${bits})`);
  const days = integerFlag('keygen', 'days', values.days as string | undefined, DEFAULT_CERTIFICATE_DAYS);

  // The key is generated on the thread pool while the vault unlocks; if the integration turns out
  // not to take keys, the half-made key is simply dropped.
  const finishKey = startKeyGeneration(bits);
  const vault = await openVault(ctx);
  const integration = keyHolder(vault.document, positionals[0]!);
  const subject = {
    CN: (values.cn as string | undefined) ?? defaultCommonName(integration.name),
    ...(values.org !== undefined && { O: values.org as string }),
    ...(values.ou !== undefined && { OU: values.ou as string }),
    ...(values.country !== undefined && { C: values.country as string }),
  };
  const progress = spinner(ctx, `Generating an RSA ${bits} key…`);
  const material = await finishKey({ days, subject }).finally(() => progress.done());
  const stored = await vault.update((doc) => attachKeyPair(doc, integration.name, material));

  const certPath = path.resolve((values['cert-out'] as string | undefined) ?? defaultCertificatePath(integration.name, stored.fingerprintSha256));
  try {
    await writeOutputFile(certPath, material.certificatePem, { mode: 0o644, overwrite: Boolean(values.force) });
  } catch (err) {
    // The key is safe in the vault; only the copy for upload failed.
    const why = cliErrorLine(err);
    throw new KeysmithError('io', `The key was saved, but the certificate was not written (${why}): run \`keysmith export-cert "${integration.name}" --fingerprint ${shortFingerprint(stored.fingerprintSha256)} --out FILE\``);
  }
  const summary = summarizeKeyPair(stored);
  if (values.json) writeJson(ctx, { integration: integration.name, key: summary, certificateFile: certPath });
  else writeLine(ctx.io.stdout, describeNewKey(integration.name, summary, certPath));
  const warning = expiryWarning(summary);
  if (warning) writeLine(ctx.io.stderr, warning);
}
