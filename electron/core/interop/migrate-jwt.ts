/**
 * Adobe retired JWT credentials in the Developer Console (2025-06-30) and converts them to OAuth
 * Server-to-Server with the same client id, technical account and scopes. This builds the S2S
 * integration that matches a JWT one, and retires the JWT one only on request, after a token has
 * been minted with the new one. Retiring keeps the JWT integration and its keys; removing them is
 * the user's separate decision.
 */
import { KeysmithError } from '../errors';
import type { Integration } from '../../shared/integration';
import type { VaultDocument } from '../vault-document';
import { getIntegration } from '../integration-view';
import type { ImportCandidate } from './import/import-candidate';

export type JwtIntegration = Extract<Integration, { kind: 'jwt' }>;

export function jwtToMigrate(doc: Readonly<VaultDocument>, name: string): JwtIntegration {
  const integration = getIntegration(doc, name);
  if (integration.kind !== 'jwt') {
    throw new KeysmithError('invalid_input', `"${integration.name}" is not a Service Account (JWT) integration: only those are migrated to OAuth Server-to-Server`);
  }
  return integration;
}

/** The S2S credential for this JWT one in a Console file: same client id. */
export function s2sFromCandidates(jwt: JwtIntegration, candidates: ImportCandidate[], source: string): ImportCandidate {
  const match = candidates.find((c) => c.fields.kind === 'oauthS2S' && c.fields.clientId === jwt.clientId);
  if (!match) {
    throw new KeysmithError(
      'invalid_input',
      `${source} has no OAuth Server-to-Server credential with client id ${jwt.clientId}: download the project JSON again after adding (or migrating to) OAuth Server-to-Server in the Developer Console`,
    );
  }
  return match;
}

/** The S2S credential typed in: Adobe keeps the client id, secret, org and technical account. */
export function s2sFromJwt(jwt: JwtIntegration, scopes: string[], name: string): ImportCandidate {
  return {
    source: `the JWT integration "${jwt.name}"`,
    fields: {
      kind: 'oauthS2S',
      name,
      description: `Migrated from the Service Account (JWT) integration "${jwt.name}".`,
      clientId: jwt.clientId,
      clientSecrets: jwt.clientSecrets,
      orgId: jwt.orgId,
      technicalAccountId: jwt.technicalAccountId,
      ...(jwt.technicalAccountEmail && { technicalAccountEmail: jwt.technicalAccountEmail }),
      scopes,
      imsEndpoint: jwt.imsEndpoint,
    },
    warnings: [],
  };
}

export function retireJwt(doc: VaultDocument, name: string, successor: string, now = new Date()): void {
  const jwt = jwtToMigrate(doc, name);
  const note = `Retired ${now.toISOString().slice(0, 10)}: replaced by the OAuth Server-to-Server integration "${successor}". Keys kept until removed.`;
  jwt.description = jwt.description.startsWith('Retired ') ? jwt.description : `${note}${jwt.description ? ` ${jwt.description}` : ''}`.slice(0, 2000);
  jwt.autoRefresh = false;
  jwt.updatedAt = now.toISOString();
}
