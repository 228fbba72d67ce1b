/**
 * Key material ready to attach to an integration, made or brought in. Shared by the CLI and the app,
 * so both apply the same checks (RSA, size, key and certificate belong together).
 */
import { createSelfSignedCertificate, type CertificateSubject } from './certificate';
import { assertKeyMatchesCertificate, parseCertificate, parsePrivateKey } from './private-key-import';
import { generateRsaKeyPair, type RsaKeySize } from './rsa-keygen';
import type { KeyMaterial } from './keypair-store';

/** Adobe's documented validity, and what the Console issues. */
export const DEFAULT_CERTIFICATE_DAYS = 365;

export async function generateKeyMaterial(opts: { bits: RsaKeySize; days: number; subject: CertificateSubject }): Promise<KeyMaterial> {
  const { privateKeyPem } = await generateRsaKeyPair(opts.bits);
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: opts.subject, days: opts.days });
  return { privateKeyPem, certificatePem, bits: opts.bits, origin: 'generated' };
}

/**
 * An existing key, with its certificate when there is one. Without one, a fresh self-signed
 * certificate is made for the key: IMS checks signatures against the key inside whichever
 * certificate is uploaded, so any certificate of the same key works, and the user gets one to upload.
 */
export async function importKeyMaterial(opts: {
  keyPem: string;
  passphrase?: string;
  certificatePem?: string;
  subjectForNewCertificate: CertificateSubject;
}): Promise<{ material: KeyMaterial; certificateGenerated: boolean }> {
  const key = parsePrivateKey(opts.keyPem, opts.passphrase);
  let certificatePem: string;
  if (opts.certificatePem !== undefined) {
    certificatePem = parseCertificate(opts.certificatePem);
    assertKeyMatchesCertificate(key.privateKeyPem, certificatePem);
  } else {
    certificatePem = await createSelfSignedCertificate({
      privateKeyPem: key.privateKeyPem,
      subject: opts.subjectForNewCertificate,
      days: DEFAULT_CERTIFICATE_DAYS,
    });
  }
  return {
    material: { privateKeyPem: key.privateKeyPem, certificatePem, bits: key.bits, origin: 'imported' },
    certificateGenerated: opts.certificatePem === undefined,
  };
}
