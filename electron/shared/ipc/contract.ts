/**
 * The IPC contract: for every channel in channels.ts, the zod schema its request must pass and the
 * type of its response; for every push event, its payload. The renderer imports this file with
 * `import type` only; main parses every request with these schemas before any handler runs.
 *
 * Shapes come from the shared model (integration fields, names, token formats, settings), so the
 * IPC boundary, the CLI and the importers accept exactly the same things. Like everything in
 * shared/, it imports zod and shared/ only.
 */
import { z } from 'zod';
import { COPYABLE_FIELDS, type CopyableField } from '../fields';
import {
  AIO_CONTEXT_NAME,
  AIO_CONTEXT_RULE,
  CONTEXT_EXPORT_FORMATS,
  EXPORT_FORMATS,
  MAX_AIO_CONTEXT_NAME,
  TOKEN_EXPORT_FORMATS,
  TOKEN_FORMATS,
  type ImportFormat,
  type TokenFormat,
} from '../formats';
import { INTEGRATION_KINDS, IntegrationFieldsSchema, NameSchema, type IntegrationFieldsInput, type IntegrationKind } from '../integration';
import { fieldIssues, withoutNulls } from '../integration-validation';
import { DEFAULT_CERTIFICATE_DAYS, DEFAULT_RSA_KEY_SIZE, MAX_CERTIFICATE_DAYS, MAX_SUBJECT_LENGTH, RSA_KEY_SIZES } from '../key-limits';
import { MAX_DROPPED_FILE_BYTES, MAX_IMPORT_FILE_NAME, MAX_IMPORT_NAMES } from '../import-limits';
import { SETTINGS_FIELDS, SettingsPatchSchema, type Settings } from '../settings-schema';
import type { IntegrationSummary, KeyPairSummary, MaskedIntegration } from '../views';
import { newPassphraseProblem } from '../passphrase-rule';
import type { Channel, EventName } from './channels';
import type { IpcError } from './result';
import type { ErrorAction, ErrorCode } from '../error-codes';
import type { HealthItem, HealthReport } from '../health';
import type { RotationResult, SecretsReport } from '../secret-rotation';

// ---------------------------------------------------------------------------------------------
// Request building blocks

/** Channels that take no request: the preload sends `undefined`. */
const NoInput = z.undefined({ error: 'this call takes no arguments' });

const NameRef = z.strictObject({ name: NameSchema });

const DroppedFile = z.strictObject({
  fileName: z.string().min(1, { error: 'the dropped file has no name' }).max(MAX_IMPORT_FILE_NAME, { error: 'the dropped file name is too long' }),
  content: z.string().max(MAX_DROPPED_FILE_BYTES, { error: 'a credentials file is a few KB: check that this is the right file' }),
});

/** Keys are item indexes ("0", "1", ...), so no key can be "__proto__" or "constructor". */
const ImportNames = z
  .record(z.string().regex(/^(0|[1-9]\d{0,5})$/, { error: 'names are keyed by the item number in the plan' }), NameSchema)
  .refine((names) => Object.keys(names).length <= MAX_IMPORT_NAMES, { error: `at most ${MAX_IMPORT_NAMES} names` });

/** Long enough for any fingerprint notation people paste; findKeyPair reads the digits. */
const Fingerprint = z.string().trim().min(8, { error: 'give at least 8 hex digits of the fingerprint' }).max(200);

/** PEM text pasted or read from a file: a few KB; the cap keeps a mistake from becoming a DoS. */
const PemText = z.string().min(1).max(64 * 1024, { error: 'that is far larger than a PEM key or certificate' });
const Passphrase = z.string().max(1024, { error: 'that passphrase is longer than 1024 characters' });

/**
 * Integration fields as the user gave them, checked against the one model schema (its first issue,
 * in the words core's validateFields uses, so messages match the CLI's) but passed on as given: the
 * handler still needs to know which optional fields were left out, to fill them from the settings.
 */
const IntegrationInput = z
  .record(z.string().max(64), z.unknown())
  .superRefine((fields, ctx) => {
    // The messages read `kind` as a lookup key: anything but one of the kinds is refused first.
    if (!(INTEGRATION_KINDS as readonly unknown[]).includes(fields.kind)) {
      ctx.addIssue({ code: 'custom', message: `kind must be one of ${INTEGRATION_KINDS.join(', ')}`, path: ['kind'] });
      return;
    }
    const first = fieldIssues(withoutNulls(fields))[0];
    if (first) ctx.addIssue({ code: 'custom', message: first.message, path: first.field ? first.field.split('.') : [] });
  }) as unknown as z.ZodType<Record<string, unknown>, IntegrationFieldsInput>;

type AllKeys<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** A partial change: absent = unchanged, null = cleared. updateIntegration validates the result. */
export type IntegrationPatch = { [K in AllKeys<IntegrationFieldsInput>]?: ValueAt<IntegrationFieldsInput, K> | null };

/** Any field name some kind has, and no other key: the model's own list, not a copy of it. */
const FIELD_NAMES = [...new Set(IntegrationFieldsSchema.options.flatMap((o) => Object.keys(o.shape)))];
const IntegrationPatchSchema = z.strictObject(
  Object.fromEntries(FIELD_NAMES.map((k) => [k, z.unknown().optional()])),
) as unknown as z.ZodType<Record<string, unknown>, IntegrationPatch>;

const Subject = z.strictObject({
  CN: z.string().max(MAX_SUBJECT_LENGTH).optional(),
  O: z.string().max(MAX_SUBJECT_LENGTH).optional(),
  OU: z.string().max(MAX_SUBJECT_LENGTH).optional(),
  C: z.string().max(2).optional(),
});

export { COPYABLE_FIELDS, type CopyableField };

const RsaBits = z.union(RSA_KEY_SIZES.map((bits) => z.literal(bits)), { error: `key size must be one of ${RSA_KEY_SIZES.join(', ')} bits` });

/** How the renderer opens a vault (or its backup generation): the keychain, a passphrase, the recovery key. */
const UnlockSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('keychain') }),
  z.strictObject({ method: z.literal('passphrase'), passphrase: Passphrase.min(1, { error: 'enter the passphrase' }) }),
  z.strictObject({ method: z.literal('recovery'), recoveryKey: z.string().min(1).max(200) }),
]);

// ---------------------------------------------------------------------------------------------
// Requests, one schema per channel

export const REQUEST_SCHEMAS = {
  'app:version': NoInput,

  'vault:status': NoInput,
  'vault:create': z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('keychain') }),
    z.strictObject({
      method: z.literal('passphrase'),
      // The rule every new passphrase follows (core enforces it again when the vault is made).
      passphrase: Passphrase.superRefine((value, ctx) => {
        const problem = newPassphraseProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    }),
  ]),
  'vault:unlock': UnlockSchema,
  'vault:lock': NoInput,

  'integrations:list': NoInput,
  'integrations:get': NameRef,
  'integrations:create': z.strictObject({ fields: IntegrationInput }),
  'integrations:update': z.strictObject({ name: NameSchema, patch: IntegrationPatchSchema }),
  'integrations:delete': NameRef,
  'integrations:duplicate': z.strictObject({ name: NameSchema, newName: NameSchema.optional() }),

  'keypairs:list': NameRef,
  'keypairs:generate': z.strictObject({
    name: NameSchema,
    bits: RsaBits.default(DEFAULT_RSA_KEY_SIZE),
    days: z.number().int().min(1).max(MAX_CERTIFICATE_DAYS, { error: `a certificate may last at most ${MAX_CERTIFICATE_DAYS} days` }).default(DEFAULT_CERTIFICATE_DAYS),
    subject: Subject.optional(),
  }),
  'keypairs:import': z.discriminatedUnion('source', [
    z.strictObject({
      name: NameSchema,
      source: z.literal('text'),
      keyPem: PemText,
      certificatePem: PemText.optional(),
      passphrase: Passphrase.optional(),
    }),
    /** key and certificate files are chosen in an open dialog shown by main */
    z.strictObject({ name: NameSchema, source: z.literal('dialog'), passphrase: Passphrase.optional() }),
  ]),
  'keypairs:setActive': z.strictObject({ name: NameSchema, fingerprint: Fingerprint }),
  'keypairs:remove': z.strictObject({ name: NameSchema, fingerprint: Fingerprint }),
  'keypairs:saveCertificate': z.strictObject({ name: NameSchema, fingerprint: Fingerprint.optional() }),

  'tokens:status': NameRef,
  'tokens:mint': z.strictObject({ name: NameSchema, force: z.boolean().default(false) }),
  'tokens:copy': z.strictObject({
    name: NameSchema,
    format: z.enum(TOKEN_FORMATS, { error: `format must be one of ${TOKEN_FORMATS.join(', ')}` }).default('raw'),
  }),
  'tokens:setAutoRefresh': z.strictObject({ name: NameSchema, enabled: z.boolean() }),

  'secrets:copyClientSecret': NameRef,
  'secrets:copyField': z.strictObject({
    name: NameSchema,
    field: z.enum(COPYABLE_FIELDS, { error: `field must be one of ${COPYABLE_FIELDS.join(', ')}` }),
  }),

  /** no argument: main shows an open dialog; `dropped`: a file dropped on the window, as text (key files it names are not read) */
  'interop:importPreview': z.union([NoInput, z.strictObject({ dropped: DroppedFile })]),
  /** `names`: new names for credentials the plan adds, by their index in the preview's items */
  'interop:importApply': z.strictObject({ previewId: z.uuid({ error: 'unknown import preview' }), names: ImportNames.optional() }),
  'interop:export': z
    .strictObject({
      name: NameSchema,
      format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
      includeSecrets: z.boolean().default(false),
      /** aio and env: the aio context name, as the CLI's `--context`; made from the integration's name when absent */
      context: z
        .string({ error: 'the aio context name must be text' })
        .max(MAX_AIO_CONTEXT_NAME, { error: AIO_CONTEXT_RULE })
        .regex(AIO_CONTEXT_NAME, { error: AIO_CONTEXT_RULE })
        .optional(),
      /** postman and curl: the integration's current token (minted when none is cached), as the CLI's `--with-token` */
      withToken: z.boolean().default(false),
    })
    .superRefine((req, ctx) => {
      if (req.withToken && !(TOKEN_EXPORT_FORMATS as readonly string[]).includes(req.format)) {
        ctx.addIssue({ code: 'custom', path: ['withToken'], message: `a token can be included in the ${TOKEN_EXPORT_FORMATS.join(' and ')} formats only` });
      }
      if (req.context !== undefined && !(CONTEXT_EXPORT_FORMATS as readonly string[]).includes(req.format)) {
        ctx.addIssue({ code: 'custom', path: ['context'], message: `an aio context name applies to the ${CONTEXT_EXPORT_FORMATS.join(' and ')} formats only` });
      }
    }),

  'settings:get': NoInput,
  'settings:set': SettingsPatchSchema,
  'signin:start': NameRef,
  'signin:status': NameRef,
  'signin:signOut': NameRef,

  /** thresholds left out are the settings' (healthSecretMaxAgeDays, healthCertificateDays) */
  'health:report': z.strictObject({
    secretMaxAgeDays: SETTINGS_FIELDS.healthSecretMaxAgeDays.optional(),
    certificateDays: SETTINGS_FIELDS.healthCertificateDays.optional(),
  }),
  'rotation:secrets': NameRef,
  /** the same safety as the CLI: `deleteOld`/`finish` delete only what Adobe reports unused since the switch, unless `force` */
  'rotation:rotate': z.strictObject({
    name: NameSchema,
    deleteOld: z.boolean().default(false),
    finish: z.boolean().default(false),
    force: z.boolean().default(false),
  }),
  /** put the backup generation back in place of an unreadable vault, opening it the way an unlock would */
  'vault:restoreBackup': UnlockSchema,
} as const satisfies Record<Channel, z.ZodType>;

/** What the renderer passes. */
export type RequestOf<C extends Channel> = z.input<(typeof REQUEST_SCHEMAS)[C]>;
/** What a handler receives, defaults applied. */
export type ParsedRequest<C extends Channel> = z.output<(typeof REQUEST_SCHEMAS)[C]>;

// ---------------------------------------------------------------------------------------------
// Responses

export type LockReason = 'user' | 'menu' | 'idle' | 'screen-lock' | 'suspend';

/** How a vault can be opened: the methods `vault:unlock` takes (core's key wraps must stay within them). */
export type UnlockMethod = RequestOf<'vault:unlock'>['method'];

/** Why a copied secret left the clipboard: its timer ran out, or the vault locked, or the app quit. */
export type ClearReason = 'timeout' | 'lock' | 'quit';

export interface VaultStatus {
  state: 'missing' | 'locked' | 'unlocked';
  /** how this vault can be unlocked; empty when there is none */
  methods: UnlockMethod[];
  dataDir: string;
  /** why the last automatic or requested unlock failed, until the next success */
  lastError: IpcError | null;
}

/**
 * A person's sign-in as the app shows it: who (the name and email only; tokens, refresh tokens, ID
 * tokens and the raw user info never reach the renderer) and until when it lasts.
 */
export interface SignInView {
  name: string;
  state: 'signed_in' | 'signed_out' | 'expired';
  identity: { name: string | null; email: string | null } | null;
  accessExpiresAt: number | null;
  /** null: no refresh token, or one whose lifetime the provider did not say */
  refreshExpiresAt: number | null;
  hasRefreshToken: boolean;
  /** the refresh token lapses within two days: sign in again before it does */
  refreshExpiresSoon: boolean;
}

export interface TokenStatus {
  name: string;
  /** false for API key integrations, which have no token */
  applicable: boolean;
  /** `expiring`: inside the refresh margin, re-minted at next use */
  state: 'none' | 'valid' | 'expiring' | 'expired';
  expiresAt: number | null;
  mintedAt: number | null;
  autoRefresh: boolean;
  fromCache?: boolean;
  /** a re-mint failed and a still-valid cached token was kept */
  refreshError?: string;
  /** a new token was minted but could not be cached (e.g. a full disk): it works, the next use mints again */
  cacheWarning?: string;
}

export interface KeysStatus {
  count: number;
  activeFingerprint: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  expiringSoon: boolean;
}

export interface IntegrationListItem extends IntegrationSummary {
  id: string;
  /** searched by the list's filter; empty for kinds without scopes */
  scopes: string[];
  favorite: boolean;
  token: TokenStatus;
  /** null for kinds that sign with no key */
  keys: KeysStatus | null;
}

export interface CopyResult {
  copied: true;
  /** null = the clipboard is not cleared by timer */
  clearsInSeconds: number | null;
}

export interface TokenCopyResult extends CopyResult {
  format: TokenFormat;
  expiresAt: number | null;
  /** a few characters of the token (shared/token-preview.ts), never the token itself */
  preview: string;
}

/** A save dialog the user may cancel. */
export type SaveResult = { saved: true; path: string } | { saved: false };

/** An export's save, with what the tool the file is for will do differently from Keysmith (one sentence each, never a secret). */
export type ExportSaveResult = SaveResult & { warnings: string[] };

export type KeyImportResult = { imported: true; key: KeyPairSummary; certificateGenerated: boolean } | { imported: false };

export interface ImportItem {
  action: 'add' | 'update';
  targetName: string;
  kind: IntegrationKind;
  clientId: string;
  source: string;
  key: { fingerprint: string; isNew: boolean } | null;
  /** the file named a key that was not read (outside its folder, missing): the step that gets this integration one */
  keyAction?: ErrorAction;
}

export type ImportPreview =
  | { cancelled: false; previewId: string; file: string; format: ImportFormat; items: ImportItem[]; warnings: string[] }
  | { cancelled: true };

export interface ResponseMap {
  'app:version': string;
  'vault:status': VaultStatus;
  'vault:create': VaultStatus;
  'vault:unlock': VaultStatus;
  'vault:lock': VaultStatus;
  'integrations:list': IntegrationListItem[];
  'integrations:get': MaskedIntegration;
  'integrations:create': MaskedIntegration;
  'integrations:update': MaskedIntegration;
  'integrations:delete': { deleted: string };
  'integrations:duplicate': MaskedIntegration;
  'keypairs:list': KeyPairSummary[];
  'keypairs:generate': KeyPairSummary;
  'keypairs:import': KeyImportResult;
  'keypairs:setActive': KeyPairSummary;
  'keypairs:remove': { removed: string };
  'keypairs:saveCertificate': SaveResult;
  'tokens:status': TokenStatus;
  'tokens:mint': TokenStatus;
  'tokens:copy': TokenCopyResult;
  'tokens:setAutoRefresh': TokenStatus;
  'secrets:copyClientSecret': CopyResult;
  'secrets:copyField': CopyResult;
  'interop:importPreview': ImportPreview;
  'interop:importApply': { items: ImportItem[] };
  'interop:export': ExportSaveResult;
  /** `warning`: the settings file could not be fully used, and which defaults stand in (one line) */
  'settings:get': Settings & { warning?: string };
  'settings:set': Settings;
  'signin:start': SignInView;
  'signin:status': SignInView;
  'signin:signOut': SignInView & { revocation: 'revoked' | 'unsupported' | 'failed' | 'none' };
  'health:report': HealthReport;
  'rotation:secrets': SecretsReport;
  'rotation:rotate': RotationResult;
  'vault:restoreBackup': VaultStatus & { keptAs: string | null };
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

// ---------------------------------------------------------------------------------------------
// Push events

type Empty = Record<string, never>;

export interface EventPayloads {
  'token:refreshed': { name: string; expiresAt: number };
  'token:failed': { name: string; message: string; retryAt: number; code: ErrorCode; action?: ErrorAction };
  'token:expiring': { name: string; expiresAt: number };
  'certificate:expiring': { name: string; fingerprint: string; notAfter: string; daysLeft: number };
  'vault:locked': { reason: LockReason };
  'vault:unlocked': Empty;
  'settings:changed': Settings;
  'clipboard:cleared': { reason: ClearReason };
  'menu:search': Empty;
  'menu:newIntegration': Empty;
  'menu:copySelectedToken': Empty;
  /** something needs attention (pushed after unlock and daily): the app shows Health */
  'health:due': { due: number; items: HealthItem[] };
  /** a desktop notice about one integration was clicked: the window shows that integration */
  'notice:showIntegration': { name: string };
  /** the desktop notice about what needs attention was clicked: the window shows Health */
  'notice:showHealth': Empty;
}

// Compile-time proof that the maps cover exactly the names in channels.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _responsesCoverChannels: Same<keyof ResponseMap, Channel> = true;
const _payloadsCoverEvents: Same<keyof EventPayloads, EventName> = true;
void _responsesCoverChannels;
void _payloadsCoverEvents;
