/**
 * What a bundle carries once decrypted: whole integrations, secrets and private keys included
 * (that is the point of sharing; the encryption is what protects them). The right passphrase says
 * only who sent it, not that its content is sound, so every integration goes through the schema
 * the vault itself is held to (unknown fields dropped, everything bounded, at most one active key),
 * and every key must be what it claims: its certificate readable, its fingerprint and size that
 * certificate's, its private key the certificate's own.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { KeysmithError } from '../../errors';
import type { Integration } from '../../../shared/integration';
import type { StoredKeyPair } from '../../../shared/stored-keypair';
import { checkStoredIntegrations } from '../../stored-integration';

export interface BundlePayload {
  integrations: Integration[];
}

/** What is wrong with a (schema-valid) key's material, or null when it is what it says. */
function keyMaterialProblem(key: StoredKeyPair): string | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(key.certificatePem);
  } catch {
    return 'certificatePem: not a readable certificate';
  }
  if (cert.fingerprint256 !== key.fingerprintSha256) return "fingerprintSha256: not the certificate's fingerprint";
  if (cert.publicKey.asymmetricKeyDetails?.modulusLength !== key.bits) return "bits: not the size of the certificate's key";
  try {
    if (!cert.checkPrivateKey(createPrivateKey(key.privateKeyPem))) return "privateKeyPem: not the certificate's private key";
  } catch {
    return 'privateKeyPem: not a readable private key';
  }
  return null;
}

/** Returns the integrations, or throws one sentence naming the first bad entry and field. */
export function checkPayload(value: unknown, what: string): Integration[] {
  const list = (value as { integrations?: unknown } | null)?.integrations;
  if (typeof value !== 'object' || value === null || !Array.isArray(list)) {
    throw new KeysmithError('invalid_input', `${what} does not hold Keysmith integrations`);
  }
  const refuse = (problem: string) =>
    new KeysmithError('invalid_input', `${what} holds an integration Keysmith cannot use (${problem}): ask the sender for a new copy`);
  // Names may repeat: an import renames clashes ("Name (2)") as it does for any file.
  const checked = checkStoredIntegrations(list, { uniqueNames: false });
  if (!checked.ok) throw refuse(checked.problem);
  checked.integrations.forEach((integration, i) => {
    (integration.keys ?? []).forEach((key, k) => {
      const problem = keyMaterialProblem(key);
      if (problem) throw refuse(`integration ${i + 1} (${JSON.stringify(integration.name)}): keys.${k}.${problem}`);
    });
  });
  return checked.integrations;
}
