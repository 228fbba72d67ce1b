/**
 * The integration model: the one definition of every credential shape, shared by the vault, the CLI,
 * the IPC contract and the importers. Field names follow adobe-ims.md.
 */
import { z } from 'zod';
import { checkEndpoint } from './endpoint-url';
import type { StoredKeyPair } from './stored-keypair';
import type { SecretRotation } from './secret-rotation';
import { ADOBE_APP_TYPES, AUTH_METHODS, DEFAULT_IMS_ENDPOINT, USER_AUTH_METHODS, USER_GRANTS } from './integration-kinds';
import { firstUnsafeChar, unsafeCharMessage } from './unsafe-text';

export * from './integration-kinds';

/**
 * The one rule for every stored string: no control characters or bidi controls (unsafe-text.ts),
 * which would act on a terminal or disguise a name. Checked before any format rule, so the message
 * names the character rather than a format the value failed because of it. Surrounding whitespace
 * is trimmed first where the field is trimmed anyway (a pasted id with a newline stays welcome);
 * `allowed` lets free text keep line breaks and tabs.
 */
/** The `params` key of an issue raised because a field holds a control or bidi character. */
export const UNSAFE_TEXT_ISSUE = 'unsafeText';

const safeText = (what: string, opts: { trim: boolean; allowed?: string }) =>
  (opts.trim ? z.string().trim() : z.string()).refine((s) => firstUnsafeChar(s, opts.allowed) === undefined, {
    error: (issue) => unsafeCharMessage(what, firstUnsafeChar(String(issue.input), opts.allowed) ?? '\u0000'),
    abort: true,
    // Marks the issue as this rule's, so a vault written before the rule can still be read (stored-integration.ts).
    params: { [UNSAFE_TEXT_ISSUE]: true },
  });

export const MAX_NAME_LENGTH = 100;

export const NameSchema = safeText('name', { trim: true })
  .min(1, { error: 'name must not be empty' })
  .max(MAX_NAME_LENGTH, { error: `name must be at most ${MAX_NAME_LENGTH} characters` });

const token = (what: string, example: string) =>
  safeText(what, { trim: true })
    .min(1, { error: `${what} must not be empty` })
    .max(512, { error: `${what} must be at most 512 characters` })
    .refine((s) => !/\s/.test(s), { error: `${what} must not contain spaces (e.g. ${example})` });

export const ClientIdSchema = token('client id', '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6');

export const ClientSecretSchema = safeText('client secret', { trim: false })
  .min(1, { error: 'client secret must not be empty' })
  .max(4096, { error: 'client secret must be at most 4096 characters' })
  .refine((s) => !/[\s\p{Cc}]/u.test(s), { error: 'client secret must not contain spaces or line breaks' });

export const OrgIdSchema = safeText('org id', { trim: true })
  .regex(/^[A-Za-z0-9]+@AdobeOrg$/, {
    error: 'org id must look like 12345678ABCDEF0123456789@AdobeOrg (letters and digits, ending in @AdobeOrg)',
  });

export const TechnicalAccountIdSchema = safeText('technical account id', { trim: true })
  .regex(/^[A-Za-z0-9._-]+@techacct\.adobe\.com$/, {
    error: 'technical account id must look like 0A1B2C3D4E5F@techacct.adobe.com (ending in @techacct.adobe.com)',
  });

export const EmailSchema = safeText('technical account email', { trim: true })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'technical account email must be an e-mail address' });

const ScopeSchema = safeText('a scope', { trim: true })
  .min(1, { error: 'a scope must not be empty' })
  .refine((s) => !/[\s,]/.test(s), { error: 'a scope must not contain spaces or commas' });

/**
 * A scope list: a set the servers receive space-separated, so a repeat means nothing and is dropped
 * (first place kept). Every front end and every importer then stores one form, and an export read
 * back compares equal to what was saved.
 */
const scopeList = () => z.array(ScopeSchema).transform((scopes) => [...new Set(scopes)]);

const endpointSchema = (label: string, opts: Parameters<typeof checkEndpoint>[1]) =>
  safeText(label, { trim: true }).transform((value, ctx) => {
    const check = checkEndpoint(value, opts);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: `${label} ${check.reason}` });
      return z.NEVER;
    }
    return check.url;
  });

/** An IMS host: AEM writes it bare (`ims-na1.adobelogin.com`); the token paths are appended later. */
export const ImsEndpointSchema = endpointSchema('IMS endpoint', { bareHostAllowed: true, originOnly: true });
export const TokenUrlSchema = endpointSchema('token URL', { bareHostAllowed: false, originOnly: false });
/** Adobe's I/O Management API base (secret rotation); overridable like the IMS endpoint, for stage and tests. */
export const ConsoleApiSchema = endpointSchema('I/O Management API', { bareHostAllowed: false, originOnly: true });

/** The Developer Console's own numeric ids (not the IMS org id): where a credential's secrets are managed. */
const consoleId = (what: string, example: string) =>
  safeText(what, { trim: true }).regex(/^\d{1,24}$/, { error: `${what} must be the Developer Console's number (e.g. ${example})` });
export const ConsoleOrgIdSchema = consoleId('Console org id', '1187321');
export const CredentialIdSchema = consoleId('credential id', '56890123');

/**
 * Free text, so line breaks and tabs stay (the app's field is a textarea); every other control or
 * bidi character is refused like anywhere else, rather than kept and trusted to be escaped wherever
 * a description is printed.
 */
const DescriptionSchema = safeText('description', { trim: false, allowed: '\n\t' }).max(2000, { error: 'description must be at most 2000 characters' });

const shared = {
  name: NameSchema,
  description: DescriptionSchema.default(''),
  clientId: ClientIdSchema,
};

/** Token-minting kinds: how long before expiry a cached token is re-minted, and whether the app does it unasked. */
const tokenPolicy = {
  refreshMarginMinutes: z
    .number({ error: 'refresh margin must be a number of minutes' })
    .int({ error: 'refresh margin must be a whole number of minutes' })
    .min(0, { error: 'refresh margin must be between 0 and 1440 minutes' })
    .max(1440, { error: 'refresh margin must be between 0 and 1440 minutes' })
    .optional(),
  autoRefresh: z.boolean().optional(),
};

/** What a user supplies for each kind. `clientSecrets[0]` is the one used; the rest are kept for rotation. */
export const ApiKeyFields = z.object({
  kind: z.literal('apiKey'),
  ...shared,
  orgId: OrgIdSchema.optional(),
});

export const OAuthS2SFields = z.object({
  kind: z.literal('oauthS2S'),
  ...shared,
  ...tokenPolicy,
  clientSecrets: z.array(ClientSecretSchema).min(1, { error: 'an OAuth Server-to-Server integration needs a client secret' }),
  orgId: OrgIdSchema.optional(),
  technicalAccountId: TechnicalAccountIdSchema.optional(),
  technicalAccountEmail: EmailSchema.optional(),
  scopes: scopeList().refine((s) => s.length > 0, { error: 'scopes must list at least one scope (e.g. openid,AdobeID,read_organizations)' }),
  imsEndpoint: ImsEndpointSchema.default(DEFAULT_IMS_ENDPOINT),
  consoleOrgId: ConsoleOrgIdSchema.optional(),
  credentialId: CredentialIdSchema.optional(),
  /** Absent means DEFAULT_CONSOLE_API (shared/secret-rotation.ts); not defaulted, so older entries keep their token cache. */
  consoleApi: ConsoleApiSchema.optional(),
});

export const JwtFields = z.object({
  kind: z.literal('jwt'),
  ...shared,
  ...tokenPolicy,
  clientSecrets: z.array(ClientSecretSchema).min(1, { error: 'a Service Account (JWT) integration needs a client secret' }),
  orgId: OrgIdSchema,
  technicalAccountId: TechnicalAccountIdSchema,
  technicalAccountEmail: EmailSchema.optional(),
  metascopes: scopeList().refine((s) => s.length > 0, { error: 'metascopes must list at least one metascope (e.g. ent_cloudmgr_sdk)' }),
  imsEndpoint: ImsEndpointSchema.default(DEFAULT_IMS_ENDPOINT),
});

export const OAuth2Fields = z
  .object({
    kind: z.literal('oauth2'),
    ...shared,
    ...tokenPolicy,
    clientSecrets: z.array(ClientSecretSchema).default([]),
    tokenUrl: TokenUrlSchema,
    authMethod: z.enum(AUTH_METHODS, {
      error: `auth method must be one of ${AUTH_METHODS.join(', ')}`,
    }).default('client_secret_basic'),
    scopes: scopeList().default([]),
    audience: safeText('audience', { trim: true }).min(1).max(2048).optional(),
  })
  .refine((v) => v.authMethod === 'private_key_jwt' || v.clientSecrets.length > 0, {
    error: 'a client secret is required unless the auth method is private_key_jwt',
    path: ['clientSecrets'],
  });

const urlField = (label: string) => endpointSchema(label, { bareHostAllowed: false, originOnly: false }).optional();

/**
 * Where the browser is sent back with the code. Absent: Keysmith listens on
 * `http://127.0.0.1:<free port>/callback` (RFC 8252). A loopback http URI is listened on as given;
 * an https one (a registered web redirect) is not on this machine, so the user pastes where the
 * browser ended.
 */
const RedirectUriSchema = endpointSchema('redirect URI', { bareHostAllowed: false, originOnly: false }).optional();

/** Adobe user sign-in: the Developer Console's OAuth Native App, Single-Page App and Web App credentials. */
export const OAuthUserFields = z
  .object({
    kind: z.literal('oauthUser'),
    ...shared,
    ...tokenPolicy,
    appType: z.enum(ADOBE_APP_TYPES, { error: `app type must be one of ${ADOBE_APP_TYPES.join(', ')}` }).default('native'),
    clientSecrets: z.array(ClientSecretSchema).default([]),
    scopes: scopeList().default(['openid', 'AdobeID']),
    redirectUri: RedirectUriSchema,
    orgId: OrgIdSchema.optional(),
    imsEndpoint: ImsEndpointSchema.default(DEFAULT_IMS_ENDPOINT),
  })
  .refine((v) => v.appType !== 'web' || v.clientSecrets.length > 0, {
    error: 'a Web App is a confidential client: it needs its client secret',
    path: ['clientSecrets'],
  })
  .refine((v) => v.appType === 'native' || v.redirectUri !== undefined, {
    error: 'a Single-Page App or Web App needs the redirect URI registered in the Developer Console',
    path: ['redirectUri'],
  });

/** Any OAuth 2.0 / OpenID provider: by discovery from its issuer, or by explicit endpoints. */
export const OAuth2UserFields = z
  .object({
    kind: z.literal('oauth2User'),
    ...shared,
    ...tokenPolicy,
    grant: z.enum(USER_GRANTS, { error: `grant must be one of ${USER_GRANTS.join(', ')}` }).default('authorization_code'),
    clientSecrets: z.array(ClientSecretSchema).default([]),
    authMethod: z.enum(AUTH_METHODS, { error: `auth method must be one of ${USER_AUTH_METHODS.join(', ')}` }).default('client_secret_basic'),
    scopes: scopeList().default([]),
    issuer: urlField('issuer'),
    authorizeUrl: urlField('authorization URL'),
    tokenUrl: urlField('token URL'),
    deviceUrl: urlField('device authorization URL'),
    revocationUrl: urlField('revocation URL'),
    userinfoUrl: urlField('user info URL'),
    jwksUrl: urlField('JWKS URL'),
    redirectUri: RedirectUriSchema,
    audience: safeText('audience', { trim: true }).min(1).max(2048).optional(),
  })
  .refine((v) => (USER_AUTH_METHODS as readonly string[]).includes(v.authMethod), {
    error: `auth method must be one of ${USER_AUTH_METHODS.join(', ')} (a user sign-in client signs nothing with a key)`,
    path: ['authMethod'],
  })
  .refine((v) => v.issuer !== undefined || v.tokenUrl !== undefined, {
    error: 'give the issuer (for OpenID discovery) or the token URL',
    path: ['tokenUrl'],
  })
  .refine((v) => v.issuer !== undefined || (v.grant === 'device_code' ? v.deviceUrl !== undefined : v.authorizeUrl !== undefined), {
    error: 'give the issuer (for OpenID discovery), or the authorization URL (device authorization URL for the device code grant)',
    path: ['authorizeUrl'],
  });

export const IntegrationFieldsSchema = z.discriminatedUnion('kind', [ApiKeyFields, OAuthS2SFields, JwtFields, OAuth2Fields, OAuthUserFields, OAuth2UserFields]);
export type IntegrationFields = z.output<typeof IntegrationFieldsSchema>;

/**
 * Every field name some kind has, and nothing else: the allow-list for code that copies fields by
 * name from input it did not write (an edit patch, a re-imported file), so a key such as
 * `__proto__` from JSON.parse is never assigned into an object.
 */
export const INTEGRATION_FIELD_NAMES: readonly string[] = [...new Set(IntegrationFieldsSchema.options.flatMap((o) => Object.keys(o.shape)))];
export type IntegrationFieldsInput = z.input<typeof IntegrationFieldsSchema>;

/** What the vault adds to an integration's fields: its identity and when it was made and changed (ISO 8601). */
export interface IntegrationMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored integration: its fields plus identity, timestamps and (for key-signing kinds) keypairs. */
export type Integration = IntegrationFields & IntegrationMeta & { keys?: StoredKeyPair[]; secretRotation?: SecretRotation };
