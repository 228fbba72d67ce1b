/**
 * Health: per integration, what needs attention and by when, from the vault and the mint records
 * alone (no network), so it is cheap enough for CI and for the app to run on every unlock. Each
 * condition is one check; user sign-ins whose refresh token lapses (`sign_in_lapsing`) are one
 * more check appended to CHECKS by the sign-in flows.
 */
import type { Integration } from '../../shared/integration';
import type { HealthItem, HealthReport, HealthThresholds } from '../../shared/health';
import { DEFAULT_SECRET_MAX_AGE_DAYS } from '../../shared/secret-rotation';
import { describeCertificate, EXPIRY_WARNING_DAYS } from '../keys/certificate-info';
import { keysOf } from '../keys/keypair-store';
import type { VaultDocument } from '../vault-document';
import type { MintRecord } from './mint-record';

const DAY_MS = 86_400_000;
/** adobe-ims.md: JWT credentials in the Developer Console reached end of life on this day. */
const JWT_END_OF_LIFE = '2025-06-30T00:00:00.000Z';

export const DEFAULT_THRESHOLDS: HealthThresholds = { certificateDays: EXPIRY_WARNING_DAYS, secretMaxAgeDays: DEFAULT_SECRET_MAX_AGE_DAYS };

export interface CheckContext {
  now: number;
  thresholds: HealthThresholds;
  mint: MintRecord | undefined;
}

type Item = Omit<HealthItem, 'integration' | 'kind'>;
export type HealthCheck = (integration: Integration, ctx: CheckContext) => Item[];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Marked so by `migrate --retire`: kept for reference, nothing about it is due. */
const retired = (i: Integration) => i.description.startsWith('Retired ');

const certificates: HealthCheck = (i, { now, thresholds }) => {
  const active = keysOf(i).find((k) => k.active);
  if (!active || retired(i)) return [];
  let info;
  try {
    info = describeCertificate(active.certificatePem, new Date(now));
  } catch {
    return [];
  }
  if (info.daysLeft >= thresholds.certificateDays) return [];
  const when = Date.parse(info.notAfter);
  return [
    {
      condition: 'certificate_expiring',
      severity: 'due',
      by: info.notAfter,
      message: when <= now ? `Its active certificate expired on ${day(when)}: tokens can no longer be minted with it` : `Its active certificate expires on ${day(when)} (in ${info.daysLeft} day${info.daysLeft === 1 ? '' : 's'})`,
      action: 'generate_key',
    },
  ];
};

const secretAge: HealthCheck = (i, { now, thresholds }) => {
  if (i.kind !== 'oauthS2S' || i.secretRotation?.pending) return [];
  const r = i.secretRotation;
  const fromAdobe = r?.heldCreatedAt;
  const since = fromAdobe ?? (r?.lastRotatedAt ? Date.parse(r.lastRotatedAt) : Date.parse(i.createdAt));
  if (!Number.isFinite(since)) return [];
  const by = since + thresholds.secretMaxAgeDays * DAY_MS;
  if (now < by) return [];
  const days = Math.floor((now - since) / DAY_MS);
  const what = fromAdobe !== undefined || r?.lastRotatedAt ? `is ${days} days old` : `has been in Keysmith for ${days} days (its age at Adobe is not known yet)`;
  return [{ condition: 'secret_old', severity: 'due', by: new Date(by).toISOString(), message: `Its client secret ${what}, past the ${thresholds.secretMaxAgeDays} days after which it should be rotated`, action: 'rotate_secret' }];
};

const secondSecret: HealthCheck = (i) => {
  if (i.kind !== 'oauthS2S') return [];
  const pending = i.secretRotation?.pending;
  if (pending?.step === 'switched') {
    return [
      {
        condition: 'second_secret',
        severity: 'due',
        by: null,
        message: `Its old client secret${pending.oldUuid ? ` ${pending.oldUuid}` : ''} is still valid at Adobe since the switch on ${(pending.switchedAt ?? pending.startedAt).slice(0, 10)}: delete it once nothing uses it`,
        action: 'finish_rotation',
      },
    ];
  }
  if (pending) {
    return [{ condition: 'rotation_interrupted', severity: 'due', by: null, message: `A rotation of its client secret stopped at step "${pending.step}" on ${pending.startedAt.slice(0, 10)}: continue it`, action: 'rotate_secret' }];
  }
  if (i.clientSecrets.length > 1) {
    return [{ condition: 'second_secret', severity: 'due', by: null, message: `It holds ${i.clientSecrets.length} client secrets: one of them is likely left behind at Adobe; delete it there once nothing uses it` }];
  }
  return [];
};

const jwtEndOfLife: HealthCheck = (i) => {
  if (i.kind !== 'jwt' || retired(i)) return [];
  // AEM as a Cloud Service still issues JWT service credentials (adobe-ims.md); the AEM importer says so in the description.
  if (i.description.startsWith('AEM as a Cloud Service')) return [];
  return [
    {
      condition: 'jwt_end_of_life',
      severity: 'due',
      by: JWT_END_OF_LIFE,
      message: 'Adobe retired Service Account (JWT) credentials in the Developer Console on 2025-06-30: move it to OAuth Server-to-Server (same client id)',
      action: 'migrate',
    },
  ];
};

const lastMint: HealthCheck = (i, { mint }) => {
  const failure = mint?.lastFailure;
  if (!failure || (mint.lastOkAt !== undefined && mint.lastOkAt > failure.at)) return [];
  return [{ condition: 'mint_failed', severity: 'due', by: null, message: `Its last token request, on ${new Date(failure.at).toISOString().slice(0, 16).replace('T', ' ')} UTC, failed: ${failure.reason}` }];
};

const neverUsed: HealthCheck = (i, { mint }) => {
  if (i.kind === 'apiKey' || mint || retired(i)) return [];
  return [{ condition: 'never_used', severity: 'info', by: null, message: 'No token has been minted with it on this machine: if nothing needs it, it can be removed' }];
};

export const CHECKS: readonly HealthCheck[] = [certificates, secretAge, secondSecret, jwtEndOfLife, lastMint, neverUsed];

export function healthReport(doc: Readonly<VaultDocument>, mints: Readonly<Record<string, MintRecord>>, opts: { now?: Date; thresholds?: Partial<HealthThresholds>; checks?: readonly HealthCheck[] } = {}): HealthReport {
  const now = (opts.now ?? new Date()).getTime();
  const thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
  const items: HealthItem[] = [];
  for (const integration of [...doc.integrations].sort((a, b) => a.name.localeCompare(b.name))) {
    const mint = Object.hasOwn(mints, integration.id) ? mints[integration.id] : undefined;
    for (const check of opts.checks ?? CHECKS) {
      for (const item of check(integration, { now, thresholds, mint })) items.push({ integration: integration.name, kind: integration.kind, ...item });
    }
  }
  // Due first, then by date (the soonest first), undated last.
  const rank = (i: HealthItem) => (i.severity === 'due' ? 0 : 1);
  items.sort((a, b) => rank(a) - rank(b) || (a.by ?? '9').localeCompare(b.by ?? '9'));
  return { checkedAt: new Date(now).toISOString(), items, due: items.filter((i) => i.severity === 'due').length };
}
