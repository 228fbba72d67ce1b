/** Which inputs each kind of integration has, in display order, with their labels and help. */
import { FIELD_LABELS, type FieldName } from '../../../electron/shared/fields';
import {
  ADOBE_APP_TYPE_LABELS,
  ADOBE_APP_TYPES,
  AUTH_METHOD_LABELS,
  AUTH_METHODS,
  DEFAULT_IMS_ENDPOINT,
  USER_AUTH_METHODS,
  USER_GRANT_LABELS,
  USER_GRANTS,
} from '../../../electron/shared/integration-kinds';
import { DEFAULT_CONSOLE_API } from '../../../electron/shared/secret-rotation';
import type { IntegrationListItem } from '../bridge';

export type Kind = IntegrationListItem['kind'];

/** The fields a form edits: all of the model's but `autoRefresh` (the token panel's switch). */
export type FieldKey = Exclude<FieldName, 'autoRefresh'>;

/** How a field is typed: `list` is comma- or space-separated, `secret` a password input, `choice` a select of `choices`. */
export type InputKind = 'text' | 'secret' | 'list' | 'number' | 'multiline' | 'choice';

/** One option of a `choice` field: the model's value and the shared label shown for it. */
export interface Choice {
  value: string;
  label: string;
}

export interface FieldSpec {
  key: FieldKey;
  label: string;
  input: InputKind;
  placeholder?: string;
  help?: string;
  /** shown apart: most users never change these */
  advanced?: boolean;
  /** for `choice`: the model's values in its order, labelled from shared/ */
  choices?: readonly Choice[];
}

const choicesOf = <V extends string>(values: readonly V[], labels: Record<V, string>): Choice[] => values.map((value) => ({ value, label: labels[value] }));

const LIST_HELP = 'Separate them with commas or spaces';

/** A field's spec: its label is the shared one (FIELD_LABELS), the rest is how the form asks for it. */
const spec = (key: FieldKey, how: Omit<FieldSpec, 'key' | 'label'>): FieldSpec => ({ key, label: FIELD_LABELS[key], ...how });

export const FIELD_SPECS: Record<FieldKey, FieldSpec> = {
  name: spec('name', { input: 'text', placeholder: 'e.g. Cloud Manager prod' }),
  clientId: spec('clientId', { input: 'text', placeholder: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6' }),
  clientSecrets: spec('clientSecrets', {
    input: 'secret',
    help: 'Kept encrypted in the vault: from now on Keysmith shows it masked and copies it for you.',
  }),
  orgId: spec('orgId', { input: 'text', placeholder: '12345678ABCDEF0123456789@AdobeOrg' }),
  technicalAccountId: spec('technicalAccountId', { input: 'text', placeholder: '0A1B2C3D4E5F@techacct.adobe.com' }),
  technicalAccountEmail: spec('technicalAccountEmail', { input: 'text' }),
  scopes: spec('scopes', { input: 'list', placeholder: 'openid, AdobeID, read_organizations', help: LIST_HELP }),
  metascopes: spec('metascopes', { input: 'list', placeholder: 'ent_cloudmgr_sdk', help: LIST_HELP }),
  tokenUrl: spec('tokenUrl', { input: 'text', placeholder: 'https://example.okta.com/oauth2/v1/token' }),
  authMethod: spec('authMethod', { input: 'choice', choices: choicesOf(AUTH_METHODS, AUTH_METHOD_LABELS) }),
  audience: spec('audience', { input: 'text', help: 'Only if the token server asks for one' }),
  imsEndpoint: spec('imsEndpoint', {
    input: 'text',
    placeholder: DEFAULT_IMS_ENDPOINT,
    help: 'Leave empty for the default IMS endpoint',
    advanced: true,
  }),
  refreshMarginMinutes: spec('refreshMarginMinutes', {
    input: 'number',
    help: 'How long before expiry a token is re-minted; leave empty for the default',
    advanced: true,
  }),
  description: spec('description', { input: 'multiline' }),
  appType: spec('appType', { input: 'choice', choices: choicesOf(ADOBE_APP_TYPES, ADOBE_APP_TYPE_LABELS) }),
  grant: spec('grant', { input: 'choice', choices: choicesOf(USER_GRANTS, USER_GRANT_LABELS) }),
  redirectUri: spec('redirectUri', { input: 'text', help: 'Only if the provider insists on a registered one; else Keysmith listens on 127.0.0.1', advanced: true }),
  issuer: spec('issuer', { input: 'text', placeholder: 'https://accounts.example.com', help: 'The rest is discovered from it' }),
  authorizeUrl: spec('authorizeUrl', { input: 'text', advanced: true }),
  deviceUrl: spec('deviceUrl', { input: 'text', advanced: true }),
  revocationUrl: spec('revocationUrl', { input: 'text', advanced: true }),
  userinfoUrl: spec('userinfoUrl', { input: 'text', advanced: true }),
  jwksUrl: spec('jwksUrl', { input: 'text', advanced: true }),
  consoleOrgId: spec('consoleOrgId', { input: 'text', placeholder: '1187321', help: 'The number after /projects/ in the Console URL; needed to rotate the secret', advanced: true }),
  credentialId: spec('credentialId', { input: 'text', placeholder: '56890123', help: 'The number after /credentials/ in the Console URL', advanced: true }),
  consoleApi: spec('consoleApi', { input: 'text', placeholder: DEFAULT_CONSOLE_API, help: 'Leave empty for the default I/O Management API', advanced: true }),
};

/** Every field the model has for a kind, except `kind` itself and `autoRefresh` (the token panel's switch). */
export const KIND_FIELDS: Record<Kind, readonly FieldKey[]> = {
  apiKey: ['name', 'clientId', 'orgId', 'description'],
  oauthS2S: ['name', 'clientId', 'clientSecrets', 'orgId', 'scopes', 'technicalAccountId', 'technicalAccountEmail', 'description', 'imsEndpoint', 'refreshMarginMinutes', 'consoleOrgId', 'credentialId', 'consoleApi'],
  jwt: ['name', 'clientId', 'clientSecrets', 'orgId', 'technicalAccountId', 'technicalAccountEmail', 'metascopes', 'description', 'imsEndpoint', 'refreshMarginMinutes'],
  oauth2: ['name', 'clientId', 'tokenUrl', 'authMethod', 'clientSecrets', 'scopes', 'audience', 'description', 'refreshMarginMinutes'],
  oauthUser: ['name', 'clientId', 'appType', 'clientSecrets', 'scopes', 'redirectUri', 'orgId', 'description', 'imsEndpoint', 'refreshMarginMinutes'],
  oauth2User: ['name', 'clientId', 'grant', 'issuer', 'clientSecrets', 'authMethod', 'scopes', 'audience', 'description', 'authorizeUrl', 'tokenUrl', 'deviceUrl', 'revocationUrl', 'userinfoUrl', 'jwksUrl', 'redirectUri', 'refreshMarginMinutes'],
};

/** Where a kind narrows a field: a user sign-in client signs nothing with a key, so no private_key_jwt. */
const KIND_SPECS: Partial<Record<Kind, Partial<Record<FieldKey, FieldSpec>>>> = {
  oauth2User: { authMethod: { ...FIELD_SPECS.authMethod, choices: choicesOf(USER_AUTH_METHODS, AUTH_METHOD_LABELS) } },
};

export function specsOf(kind: Kind): FieldSpec[] {
  return KIND_FIELDS[kind].map((key) => KIND_SPECS[kind]?.[key] ?? FIELD_SPECS[key]);
}

