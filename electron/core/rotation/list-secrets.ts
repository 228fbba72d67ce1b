/**
 * A credential's client secrets as Adobe lists them, with which one Keysmith holds. Adobe never
 * sends a value, so "held" is known from the vault's record (set by rotation), from there being one
 * secret, or, failing both, inferred: the token just minted for the listing used Keysmith's secret,
 * so the one Adobe reports as used last is probably it.
 */
import { getIntegration } from '../integration-view';
import type { Vault } from '../vault';
import { Redactor } from '../tokens/server-text';
import type { HttpOptions } from '../tokens/token-http';
import type { SecretsReport } from '../../shared/secret-rotation';

export type { SecretListing, SecretsReport } from '../../shared/secret-rotation';
import { SecretsApi, secretLocation } from './console-api';
import { mintManagementToken } from './management-token';
import { heldSecret } from './rotate-secret';

export async function listSecrets(vault: Vault, name: string, http: HttpOptions): Promise<SecretsReport> {
  const integration = getIntegration(vault.document, name);
  const where = secretLocation(integration);
  if (integration.kind !== 'oauthS2S') throw new Error('unreachable: secretLocation checks the kind');
  const secret = integration.clientSecrets[0]!;
  const redactor = new Redactor(integration.clientSecrets);
  const token = await mintManagementToken(integration, secret, http, redactor);
  const listed = await new SecretsApi(where, token, http, new Redactor([...integration.clientSecrets, token])).list();
  const pending = integration.secretRotation?.pending;
  const held = pending ? null : heldSecret(listed, integration.secretRotation);
  const inUse = pending?.step === 'switched' ? pending.newUuid : pending ? pending.oldUuid : held?.secret.uuid;
  const keptBeside = pending?.step === 'switched' ? pending.oldUuid : pending?.step === 'added' ? pending.newUuid : undefined;
  if (held?.certain && integration.secretRotation?.heldUuid !== held.secret.uuid) {
    // Worth keeping: health reads a secret's age from it without asking Adobe.
    await vault.update((doc) => {
      const current = doc.integrations.find((i) => i.id === integration.id);
      if (current?.kind !== 'oauthS2S' || current.secretRotation?.pending) return;
      current.secretRotation = { ...current.secretRotation, heldUuid: held.secret.uuid, ...(held.secret.createdAt !== null && { heldCreatedAt: held.secret.createdAt }) };
    });
  }
  return {
    name: integration.name,
    rotation: pending?.step ?? null,
    secrets: listed.map((s) => ({
      ...s,
      held: s.uuid === inUse ? (held && !held.certain ? 'probably' : 'yes') : s.uuid === keptBeside ? 'kept' : 'no',
    })),
  };
}
