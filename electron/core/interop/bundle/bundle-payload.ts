/**
 * What a bundle carries once decrypted: whole integrations, secrets and private keys included
 * (that is the point of sharing; the encryption is what protects them). The check is deliberately
 * shallow, enough to refuse what is plainly not integrations; the import that adds them to a vault
 * validates every field against the model like any other input.
 */
import { KeysmithError } from '../../errors';
import type { Integration } from '../../integration';
import { INTEGRATION_KINDS } from '../../integration-kinds';

export interface BundlePayload {
  integrations: Integration[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function isKeyPair(v: unknown): boolean {
  return isObject(v) && isText(v.privateKeyPem) && isText(v.certificatePem) && isText(v.fingerprintSha256);
}

function isIntegration(v: unknown): v is Integration {
  return (
    isObject(v) &&
    (INTEGRATION_KINDS as readonly unknown[]).includes(v.kind) &&
    isText(v.name) &&
    isText(v.clientId) &&
    (v.keys === undefined || (Array.isArray(v.keys) && v.keys.every(isKeyPair)))
  );
}

/** Returns the integrations, or throws the one message a sender's broken bundle gets. */
export function checkPayload(value: unknown, what: string): Integration[] {
  if (!isObject(value) || !Array.isArray(value.integrations) || !value.integrations.every(isIntegration)) {
    throw new KeysmithError('invalid_input', `${what} does not hold Keysmith integrations`);
  }
  return value.integrations;
}
