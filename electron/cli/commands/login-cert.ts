import { writeOutputFile } from '../../core/output-file';
import { loopbackCertificate } from '../../core/signin/loopback-certificate';
import type { CliContext } from '../cli-context';
import { writeJson } from '../output';
import { parseCommandArgs } from '../parse-args';
import { visibleText } from '../../shared/terminal-text';
import { writeLine } from '../terminal';

/**
 * The certificate Keysmith serves https://localhost redirects with, for a trust store. Made here if
 * no sign-in has made it yet, so it can be trusted before the first one. It is public: stdout by
 * default, like export-cert; the vault is not opened (the key lives beside it, not in it).
 */
export async function loginCert(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs('login-cert', args, {
    out: { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  }, { min: 0, max: 0, names: '' });
  const cert = await loopbackCertificate(ctx.dataDir);
  if (values.out !== undefined) await writeOutputFile(values.out, cert.certPem, { mode: 0o644, overwrite: Boolean(values.force) });
  if (values.json) {
    return writeJson(ctx, { path: cert.certPath, ...(values.out !== undefined && { file: values.out }), fingerprintSha256: cert.fingerprint256, spkiSha256: cert.spkiSha256, notAfter: cert.notAfter.toISOString(), hosts: ['localhost', '127.0.0.1', '::1'] });
  }
  if (values.out === undefined) ctx.io.stdout.write(cert.certPem);
  else writeLine(ctx.io.stdout, `Wrote the sign-in certificate ${cert.fingerprint256} to ${visibleText(values.out)}`);
  writeLine(ctx.io.stderr, `Valid for localhost, 127.0.0.1 and ::1 until ${cert.notAfter.toISOString().slice(0, 10)}; kept at ${visibleText(cert.certPath)}`);
}
