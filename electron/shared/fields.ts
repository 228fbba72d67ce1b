/**
 * How each model field is named to a person, once: the CLI's `show`, the detail view and the forms
 * read these labels, and messages that name a field mid-sentence use fieldWord. Messages that name
 * a missing field with an article and an example ("need an org id (…@AdobeOrg)", as the CLI's
 * flags say it) keep their own words in integration-validation.ts.
 */
import type { IntegrationFields } from './integration';

type AllKeys<T> = T extends unknown ? keyof T : never;

/** Every field some kind of integration has, but its kind. */
export type FieldName = Exclude<AllKeys<IntegrationFields>, 'kind'>;

export const FIELD_LABELS: Record<FieldName, string> = {
  name: 'Name',
  description: 'Description',
  clientId: 'Client ID',
  clientSecrets: 'Client secret',
  orgId: 'Organization ID',
  technicalAccountId: 'Technical account ID',
  technicalAccountEmail: 'Technical account email',
  scopes: 'Scopes',
  metascopes: 'Metascopes',
  imsEndpoint: 'IMS endpoint',
  tokenUrl: 'Token URL',
  authMethod: 'Auth method',
  audience: 'Audience',
  refreshMarginMinutes: 'Refresh margin (minutes)',
  autoRefresh: 'Auto-refresh',
  appType: 'App type',
  grant: 'Grant',
  redirectUri: 'Redirect URI',
  issuer: 'Issuer',
  authorizeUrl: 'Authorization URL',
  deviceUrl: 'Device authorization URL',
  revocationUrl: 'Revocation URL',
  userinfoUrl: 'User info URL',
  jwksUrl: 'JWKS URL',
  consoleOrgId: 'Console org ID',
  credentialId: 'Console credential ID',
  consoleApi: 'I/O Management API',
};

/** The label for `count` values: "Client secrets" when several are kept for rotation. */
export function fieldLabel(field: FieldName, count = 1): string {
  return field === 'clientSecrets' && count > 1 ? 'Client secrets' : FIELD_LABELS[field];
}

/** The label mid-sentence, as messages write it: `"x" has no organization id`. */
export function fieldWord(field: FieldName): string {
  return FIELD_LABELS[field].toLowerCase();
}

/** The fields that are not secret, in the order an integration is shown (the CLI's `show`, the detail view). */
export const SHOWN_FIELDS = [
  'clientId',
  'orgId',
  'technicalAccountId',
  'technicalAccountEmail',
  'scopes',
  'metascopes',
  'imsEndpoint',
  'tokenUrl',
  'authMethod',
  'audience',
  'refreshMarginMinutes',
  'appType',
  'grant',
  'redirectUri',
  'issuer',
  'authorizeUrl',
  'deviceUrl',
  'revocationUrl',
  'userinfoUrl',
  'jwksUrl',
  'consoleOrgId',
  'credentialId',
  'consoleApi',
] as const satisfies readonly FieldName[];

/** Identifiers shown in full in the detail view and copied as plain text (no timed clear). */
export const COPYABLE_FIELDS = ['clientId', 'orgId', 'technicalAccountId', 'technicalAccountEmail'] as const satisfies readonly FieldName[];
export type CopyableField = (typeof COPYABLE_FIELDS)[number];
