/** Which inputs each kind of integration has, in display order, with their labels and help. */
import type { AuthMethod } from '../../../electron/shared/integration-kinds';
import type { IntegrationListItem } from '../bridge';

export type Kind = IntegrationListItem['kind'];

export type FieldKey =
  | 'name'
  | 'clientId'
  | 'clientSecrets'
  | 'orgId'
  | 'technicalAccountId'
  | 'technicalAccountEmail'
  | 'scopes'
  | 'metascopes'
  | 'tokenUrl'
  | 'authMethod'
  | 'audience'
  | 'imsEndpoint'
  | 'refreshMarginMinutes'
  | 'description';

/** How a field is typed: `list` is comma- or space-separated, `secret` a password input. */
export type InputKind = 'text' | 'secret' | 'list' | 'number' | 'authMethod' | 'multiline';

export interface FieldSpec {
  key: FieldKey;
  label: string;
  input: InputKind;
  placeholder?: string;
  help?: string;
  /** shown apart: most users never change these */
  advanced?: boolean;
}

const LIST_HELP = 'Separate them with commas or spaces';

export const FIELD_SPECS: Record<FieldKey, FieldSpec> = {
  name: { key: 'name', label: 'Name', input: 'text', placeholder: 'e.g. Cloud Manager prod' },
  clientId: { key: 'clientId', label: 'Client ID', input: 'text', placeholder: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6' },
  clientSecrets: {
    key: 'clientSecrets',
    label: 'Client secret',
    input: 'secret',
    help: 'Kept encrypted in the vault: from now on Keysmith shows it masked and copies it for you.',
  },
  orgId: { key: 'orgId', label: 'Organization ID', input: 'text', placeholder: '12345678ABCDEF0123456789@AdobeOrg' },
  technicalAccountId: { key: 'technicalAccountId', label: 'Technical account ID', input: 'text', placeholder: '0A1B2C3D4E5F@techacct.adobe.com' },
  technicalAccountEmail: { key: 'technicalAccountEmail', label: 'Technical account email', input: 'text' },
  scopes: { key: 'scopes', label: 'Scopes', input: 'list', placeholder: 'openid, AdobeID, read_organizations', help: LIST_HELP },
  metascopes: { key: 'metascopes', label: 'Metascopes', input: 'list', placeholder: 'ent_cloudmgr_sdk', help: LIST_HELP },
  tokenUrl: { key: 'tokenUrl', label: 'Token URL', input: 'text', placeholder: 'https://example.okta.com/oauth2/v1/token' },
  authMethod: { key: 'authMethod', label: 'Auth method', input: 'authMethod' },
  audience: { key: 'audience', label: 'Audience', input: 'text', help: 'Only if the token server asks for one' },
  imsEndpoint: {
    key: 'imsEndpoint',
    label: 'IMS endpoint',
    input: 'text',
    placeholder: 'https://ims-na1.adobelogin.com',
    help: 'Leave empty for the default IMS endpoint',
    advanced: true,
  },
  refreshMarginMinutes: {
    key: 'refreshMarginMinutes',
    label: 'Refresh margin (minutes)',
    input: 'number',
    help: 'How long before expiry a token is re-minted; leave empty for the default',
    advanced: true,
  },
  description: { key: 'description', label: 'Description', input: 'multiline' },
};

/** Every field the model has for a kind, except `kind` itself and `autoRefresh` (the token panel's switch). */
export const KIND_FIELDS: Record<Kind, readonly FieldKey[]> = {
  apiKey: ['name', 'clientId', 'orgId', 'description'],
  oauthS2S: ['name', 'clientId', 'clientSecrets', 'orgId', 'scopes', 'technicalAccountId', 'technicalAccountEmail', 'description', 'imsEndpoint', 'refreshMarginMinutes'],
  jwt: ['name', 'clientId', 'clientSecrets', 'orgId', 'technicalAccountId', 'technicalAccountEmail', 'metascopes', 'description', 'imsEndpoint', 'refreshMarginMinutes'],
  oauth2: ['name', 'clientId', 'tokenUrl', 'authMethod', 'clientSecrets', 'scopes', 'audience', 'description', 'refreshMarginMinutes'],
};

export function specsOf(kind: Kind): FieldSpec[] {
  return KIND_FIELDS[kind].map((key) => FIELD_SPECS[key]);
}

export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  client_secret_basic: 'Client secret in the Authorization header (client_secret_basic)',
  client_secret_post: 'Client secret in the request body (client_secret_post)',
  private_key_jwt: 'Signed with a private key (private_key_jwt)',
};
