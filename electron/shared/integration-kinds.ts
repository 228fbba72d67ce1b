/** The kinds of integration and their fixed vocabularies; free of zod so read-only paths load fast. */
export const DEFAULT_IMS_ENDPOINT = 'https://ims-na1.adobelogin.com';

export const INTEGRATION_KINDS = ['apiKey', 'oauthS2S', 'jwt', 'oauth2'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** The kinds that mint at Adobe IMS, and so have an IMS endpoint. */
export const IMS_KINDS = ['oauthS2S', 'jwt'] as const satisfies readonly IntegrationKind[];

export function usesIms(kind: unknown): kind is (typeof IMS_KINDS)[number] {
  return (IMS_KINDS as readonly unknown[]).includes(kind);
}

/** What says how an integration authenticates: its kind, and for OAuth 2.0 its auth method. */
type AuthShape = { kind: IntegrationKind; authMethod?: unknown };

/** Whether it signs with a private key, and so needs a keypair: Service Account (JWT), and OAuth 2.0 private_key_jwt. */
export function signsWithKey(i: AuthShape): boolean {
  return i.kind === 'jwt' || (i.kind === 'oauth2' && i.authMethod === 'private_key_jwt');
}

/** Whether its token request sends a client secret: every token kind but OAuth 2.0 private_key_jwt. */
export function usesClientSecret(i: AuthShape): boolean {
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
};

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
