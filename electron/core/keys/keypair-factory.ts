/**
 * Key material ready to attach to an integration, made or brought in. Shared by the CLI and the app,
 * so both apply the same checks (RSA, size, key and certificate belong together).
 */
import { DEFAULT_CERTIFICATE_DAYS } from '../../shared/key-limits';
import { createSelfSignedCertificate, loadForge, type CertificateSubject } from './certificate';
import { assertKeyMatchesCertificate, parseCertificate, parsePrivateKey } from './private-key-import';
import { generateRsaKeyPair, type RsaKeySize } from './rsa-keygen';
import type { KeyMaterial } from './keypair-store';

export { DEFAULT_CERTIFICATE_DAYS };

/**
 * Starts the (slow, thread-pool) key generation and the certificate library's load at once and
 * returns a function that finishes the material. A caller can do other work meanwhile, such as
 * unlocking the vault: the whole `keysmith keygen` then costs about the keygen, not the sum.
 */
export function startKeyGeneration(bits: RsaKeySize): (opts: { days: number; subject: CertificateSubject }) => Promise<KeyMaterial> {
  const keyPair = generateRsaKeyPair(bits);
  const forge = loadForge();
  // Whoever calls the finisher sees any failure; a caller that gives up early must not leak a rejection.
  keyPair.catch(() => undefined);
  forge.catch(() => undefined);
  return async ({ days, subject }) => {
    const { privateKeyPem } = await keyPair;
    const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject, days });
    return { privateKeyPem, certificatePem, bits, origin: 'generated' };
  };
}

export function generateKeyMaterial(opts: { bits: RsaKeySize; days: number; subject: CertificateSubject }): Promise<KeyMaterial> {
  return startKeyGeneration(opts.bits)(opts);
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
