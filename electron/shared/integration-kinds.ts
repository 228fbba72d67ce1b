/** The kinds of integration and their fixed vocabularies; free of zod so read-only paths load fast. */
export const DEFAULT_IMS_ENDPOINT = 'https://ims-na1.adobelogin.com';

export const INTEGRATION_KINDS = ['apiKey', 'oauthS2S', 'jwt', 'oauth2', 'oauthUser', 'oauth2User'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** How each auth method is named to people; the standard name stays in brackets for those who know it. */
export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = {
  client_secret_basic: 'Client secret in the Authorization header (client_secret_basic)',
  client_secret_post: 'Client secret in the request body (client_secret_post)',
  private_key_jwt: 'Signed with a private key (private_key_jwt)',
};

/** The kinds that mint at Adobe IMS, and so have an IMS endpoint. */
export const IMS_KINDS = ['oauthS2S', 'jwt', 'oauthUser'] as const satisfies readonly IntegrationKind[];

export function usesIms(kind: unknown): kind is (typeof IMS_KINDS)[number] {
  return (IMS_KINDS as readonly unknown[]).includes(kind);
}

/** What says how an integration authenticates: its kind, and for OAuth 2.0 its auth method. */
type AuthShape = { kind: IntegrationKind; authMethod?: unknown; appType?: unknown; clientSecrets?: unknown };

/** Whether it signs with a private key, and so needs a keypair: Service Account (JWT), and OAuth 2.0 private_key_jwt. */
export function signsWithKey(i: AuthShape): boolean {
  return i.kind === 'jwt' || (i.kind === 'oauth2' && i.authMethod === 'private_key_jwt');
}

/** Whether its token request sends a client secret: every token kind but OAuth 2.0 private_key_jwt. */
export function usesClientSecret(i: AuthShape): boolean {
  // User sign-in: only Adobe's Web App must be confidential; a generic client is public (PKCE) unless given a secret.
  if (i.kind === 'oauthUser') return i.appType === 'web';
  if (i.kind === 'oauth2User') return Array.isArray(i.clientSecrets) && i.clientSecrets.length > 0;
  return i.kind !== 'apiKey' && !(i.kind === 'oauth2' && i.authMethod === 'private_key_jwt');
}

export function hasSecrets<T extends { kind: IntegrationKind }>(i: T): i is T & { clientSecrets: string[] } {
  return 'clientSecrets' in i;
}

export const KIND_LABELS: Record<IntegrationKind, string> = {
  apiKey: 'API key',
  oauthS2S: 'OAuth Server-to-Server',
  jwt: 'Service Account (JWT)',
  oauth2: 'OAuth 2.0 client credentials',
  oauthUser: 'OAuth user sign-in (Adobe)',
  oauth2User: 'OAuth 2.0 user sign-in',
};

/** The kinds whose tokens belong to a person who signs in in a browser, rather than to a machine. */
export const USER_KINDS = ['oauthUser', 'oauth2User'] as const satisfies readonly IntegrationKind[];
export type UserKind = (typeof USER_KINDS)[number];

export function signsInUser(kind: unknown): kind is UserKind {
  return (USER_KINDS as readonly unknown[]).includes(kind);
}

/** Adobe's three user credential types (Developer Console: OAuth Native App, Single-Page App, Web App). */
export const ADOBE_APP_TYPES = ['native', 'singlePage', 'web'] as const;
export type AdobeAppType = (typeof ADOBE_APP_TYPES)[number];

export const ADOBE_APP_TYPE_LABELS: Record<AdobeAppType, string> = {
  native: 'Native App (public, PKCE)',
  singlePage: 'Single-Page App (public, PKCE)',
  web: 'Web App (confidential)',
};

/** The grants a person signs in with: in a browser on this machine, or on another device with a code. */
export const USER_GRANTS = ['authorization_code', 'device_code'] as const;
export type UserGrant = (typeof USER_GRANTS)[number];

export const USER_GRANT_LABELS: Record<UserGrant, string> = {
  authorization_code: 'Authorization code with PKCE',
  device_code: 'Device code',
};

/** How a confidential user client authenticates at the token endpoint (a public one sends only its id and PKCE). */
export const USER_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const;
/**
 * A kind as a person types it: the model's own spelling (`apiKey`, `oauthS2S`, `jwt`, `oauth2`) is
 * the one every output uses (JSON, errors, help, tables); typed input may differ in case and in
 * hyphens or underscores (`oauth-s2s`, `API_KEY`). Null for anything else.
 */
export function parseKind(text: string): IntegrationKind | null {
  const typed = text.toLowerCase().replace(/[-_]/g, '');
  return INTEGRATION_KINDS.find((k) => k.toLowerCase() === typed) ?? null;
}

/** `apiKey|oauthS2S|jwt|oauth2`, as usage lines show the choice. */
export const KIND_CHOICES = INTEGRATION_KINDS.join('|');
