/**
 * Read-only views of the integrations in a vault document: look-up by name and the masked form that
 * is all a renderer or terminal ever sees. Free of zod, so read-only commands start fast.
 */
import { KeysmithError } from './errors';
import { didYouMean } from '../shared/did-you-mean';
import type { Integration } from '../shared/integration';
import { hasSecrets } from '../shared/integration-kinds';
import type { IntegrationSummary, MaskedIntegration } from '../shared/views';
import { maskSecret } from './secret-mask';
import type { VaultDocument } from './vault-document';

export type { IntegrationSummary, MaskedIntegration, MaskedKeyPair } from '../shared/views';

export const nameKey = (name: string) => name.trim().toLowerCase();

export function findIntegration(doc: Readonly<VaultDocument>, name: string): Integration | undefined {
  const wanted = nameKey(name);
  return doc.integrations.find((i) => nameKey(i.name) === wanted);
}

export function getIntegration(doc: Readonly<VaultDocument>, name: string): Integration {
  const found = findIntegration(doc, name);
  if (!found) {
    // A typo gets its likely target; else the names in the vault (the action) are the next step.
    const suggestion = didYouMean(name, doc.integrations.map((i) => i.name));
    throw new KeysmithError('not_found', `No integration named "${name}"${suggestion ? `.${suggestion}` : ''}`, { integration: name, action: 'list' });
  }
  return found;
}

export function primarySecret(integration: Integration): string {
  if (!hasSecrets(integration) || integration.clientSecrets.length === 0) {
    const why = integration.kind === 'apiKey' ? 'API key integrations have no client secret' : 'it has no client secret stored';
    throw new KeysmithError('not_found', `"${integration.name}" has no client secret: ${why}`);
  }
  return integration.clientSecrets[0]!;
}

export function maskIntegration(integration: Integration): MaskedIntegration {
  const { keys, ...rest } = integration;
  const masked: MaskedIntegration = { ...rest };
  if (hasSecrets(integration)) masked.clientSecrets = integration.clientSecrets.map(maskSecret);
  if (keys) masked.keys = keys.map(({ privateKeyPem: _k, certificatePem: _c, ...shown }) => shown);
  // A digest of a secret is no business of a view: only rotation uses it, to find the value again.
  if (masked.secretRotation?.pending?.newSecretSha256) {
    const { newSecretSha256: _h, ...pending } = masked.secretRotation.pending;
    masked.secretRotation = { ...masked.secretRotation, pending };
  }
  return masked;
}

export function summarize(integration: Integration): IntegrationSummary {
  return {
    name: integration.name,
    kind: integration.kind,
    clientId: integration.clientId,
    orgId: 'orgId' in integration && integration.orgId ? integration.orgId : null,
    description: integration.description,
    updatedAt: integration.updatedAt,
  };
}

export function listIntegrations(doc: Readonly<VaultDocument>): Integration[] {
  return [...doc.integrations].sort((a, b) => a.name.localeCompare(b.name));
}

