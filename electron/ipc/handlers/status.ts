/** The status lines the UI shows beside an integration, computed from the vault and the token cache, never minting. */
import type { Integration } from '../../shared/integration';
import { describeCertificate } from '../../core/keys/certificate-info';
import { keysOf } from '../../core/keys/keypair-store';
import { KEY_HOLDER_KINDS } from '../../shared/stored-keypair';
import { credentialHash, type CachedToken } from '../../core/tokens/token-cache';
import { effectiveMarginMs } from '../../core/tokens/token-service';
import type { KeysStatus, TokenStatus } from '../../shared/ipc/contract';

export function autoRefreshOf(integration: Integration): boolean {
  return 'autoRefresh' in integration && integration.autoRefresh === true;
}

export function tokenStatus(integration: Integration, entry: CachedToken | undefined, now: number): TokenStatus {
  const base = { name: integration.name, autoRefresh: autoRefreshOf(integration) };
  if (integration.kind === 'apiKey') return { ...base, applicable: false, state: 'none', expiresAt: null, mintedAt: null };
  // A token minted with other credentials (a changed secret, scope or key) is not this one's.
  if (!entry || entry.credentialHash !== credentialHash(integration)) {
    return { ...base, applicable: true, state: 'none', expiresAt: null, mintedAt: null };
  }
  const left = entry.expiresAt - now;
  const state = left <= 0 ? 'expired' : left <= effectiveMarginMs(entry, integration) ? 'expiring' : 'valid';
  return { ...base, applicable: true, state, expiresAt: entry.expiresAt, mintedAt: entry.mintedAt };
}

export function keysStatus(integration: Integration, now: Date): KeysStatus | null {
  if (!(KEY_HOLDER_KINDS as readonly string[]).includes(integration.kind)) return null;
  const keys = keysOf(integration);
  const active = keys.find((k) => k.active);
  if (!active) return { count: keys.length, activeFingerprint: null, notAfter: null, daysLeft: null, expiringSoon: false };
  const info = describeCertificate(active.certificatePem, now);
  return { count: keys.length, activeFingerprint: active.fingerprintSha256, notAfter: info.notAfter, daysLeft: info.daysLeft, expiringSoon: info.expiringSoon };
}
