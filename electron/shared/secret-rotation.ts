/**
 * Where an OAuth Server-to-Server credential lives in the Developer Console, and what Keysmith
 * remembers about rotating its client secrets (adobe-ims.md, "Rotating client secrets"). The
 * rotation record is stored on the integration in the vault, so an interrupted rotation is resumed
 * from the vault itself, whichever front end or process started it.
 */
import { z } from 'zod';
import { TimestampSchema } from './stored-keypair';

/** Adobe's I/O Management API, where a credential's client secrets are listed, added and deleted. */
export const DEFAULT_CONSOLE_API = 'https://api.adobe.io';

/**
 * The scopes a token needs for the secrets API, as Adobe documents them: the credential's project
 * must have the I/O Management API for IMS to grant them.
 */
export const SECRET_MANAGEMENT_SCOPES = [
  'AdobeID',
  'openid',
  'read_organizations',
  'additional_info.projectedProductContext',
  'additional_info.roles',
  'adobeio_api',
  'read_client_secret',
  'manage_client_secrets',
] as const;

/** Adobe allows at most this many client secrets per credential. */
export const MAX_CLIENT_SECRETS = 2;

/** Default age after which health says an S2S client secret is due for rotation. */
export const DEFAULT_SECRET_MAX_AGE_DAYS = 90;

/**
 * A secret's id as Adobe's API answers it. Only a conservative alphabet is accepted, so an id from a
 * hostile answer can be put in a URL path and printed without escaping anything.
 */
export const SecretUuidSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'a client secret id must be letters, digits, - or _' });

/** Milliseconds since the epoch, as Adobe counts; bounded so a date can always be made of it. */
export const EpochMsSchema = z.number().int().min(0).max(8.64e15);

/**
 * The steps of one rotation, in order. `adding`: about to ask Adobe for a new secret (the ids Adobe
 * listed before are kept, so a secret added by a request whose answer never came can be told apart).
 * `added`: the new value is in the vault beside the old one. `switched`: the new value is the one
 * in use; the old one is kept until it is deleted at Adobe.
 */
export const ROTATION_STEPS = ['adding', 'added', 'switched'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

export const PendingRotationSchema = z.object({
  step: z.enum(ROTATION_STEPS),
  startedAt: TimestampSchema,
  /** Adobe's id of the secret in use when the rotation started, when known. */
  oldUuid: SecretUuidSchema.optional(),
  /** The ids Adobe listed before the add. */
  before: z.array(SecretUuidSchema).max(MAX_CLIENT_SECRETS),
  newUuid: SecretUuidSchema.optional(),
  newCreatedAt: EpochMsSchema.optional(),
  /** sha-256 (hex) of the new value: finds it among the stored secrets wherever an edit moved it. */
  newSecretSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  switchedAt: TimestampSchema.optional(),
  /** The old secret's last use as Adobe reported it right after the switch: a later one means something still uses it. */
  oldLastUsedAtSwitch: EpochMsSchema.nullable().optional(),
});
export type PendingRotation = z.output<typeof PendingRotationSchema>;

export const SecretRotationSchema = z.object({
  /** Adobe's id of the secret Keysmith uses, and when Adobe created it, once known. */
  heldUuid: SecretUuidSchema.optional(),
  heldCreatedAt: EpochMsSchema.optional(),
  /** When the last rotation switched to a new secret. */
  lastRotatedAt: TimestampSchema.optional(),
  pending: PendingRotationSchema.optional(),
});
export type SecretRotation = z.output<typeof SecretRotationSchema>;

/** The numeric ids of a Developer Console URL: `.../console/projects/{orgId}/{projectId}/credentials/{credentialId}/...`. */
export interface ConsoleIds {
  consoleOrgId: string;
  projectId: string;
  credentialId: string;
}

/** Reads the org and credential ids from a pasted Console URL; null when it is not one. */
export function parseConsoleUrl(text: string): ConsoleIds | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const path = url.pathname + url.hash.replace(/^#/, '');
  const match = /\/projects\/(\d{1,24})\/(\d{1,24})\/credentials\/(\d{1,24})(?:\/|$)/.exec(path);
  if (!match) return null;
  return { consoleOrgId: match[1]!, projectId: match[2]!, credentialId: match[3]! };
}

/** What a rotation run did, step by step, in words for any front end (no commands, no secret values). */
export interface RotationEvent {
  step: 'token' | 'listed' | 'held' | 'stale' | 'orphan' | 'adding' | 'added' | 'proved' | 'switched' | 'kept' | 'last-used' | 'deleted' | 'done';
  message: string;
}

export interface RotationResult {
  /** `switched`: the new secret is in use and the old one still exists at Adobe; `done`: only the new one remains */
  state: 'switched' | 'done';
  newUuid: string;
  oldUuid: string | null;
  /** ms since the epoch, as Adobe reported it */
  oldLastUsedAt: number | null;
  events: RotationEvent[];
}

export interface SecretListing {
  uuid: string;
  /** ms since the epoch, or null when Adobe's answer had no usable time */
  createdAt: number | null;
  lastUsedAt: number | null;
  /** `yes`: the one in use; `probably`: inferred from its last use; `kept`: held beside the one in use (rotation); `no` */
  held: 'yes' | 'probably' | 'kept' | 'no';
}

export interface SecretsReport {
  name: string;
  secrets: SecretListing[];
  /** a rotation under way, and its step */
  rotation: RotationStep | null;
}
