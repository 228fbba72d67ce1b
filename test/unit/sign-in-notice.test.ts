/**
 * The notice policy's new decisions: a person's sign-in that cannot be renewed notifies once a day
 * per integration (whether a refresh failed or the periodic check found it), and the certificate
 * notice uses the health setting's threshold rather than a fixed 30 days.
 */
import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../electron/app/notification-policy';
import { generateKeyMaterial } from '../../electron/core/keys/keypair-factory';
import type { Integration } from '../../electron/shared/integration';

const at = (hours: number) => new Date(Date.UTC(2026, 10, 30) + hours * 3_600_000);
const lapsed = (name: string) => ({
  type: 'failed' as const,
  name,
  message: `"${name}" has a sign-in that lapsed (its refresh token expired)`,
  retryAt: 0,
  code: 'token_unavailable' as const,
  action: 'sign_in' as const,
});

describe('sign-in notices', () => {
  it('once a day per integration, on the integration, saying to sign in', () => {
    const policy = new NotificationPolicy();
    expect(policy.onRefreshEvent(lapsed('Me'), at(0))).toEqual({
      title: 'Sign in again to "Me"',
      body: '"Me" has a sign-in that lapsed (its refresh token expired). Open Keysmith and choose Sign in.',
      integration: 'Me',
    });
    // The scheduler retries; the periodic check finds the same lapse: neither repeats it that day.
    expect(policy.onRefreshEvent(lapsed('Me'), at(1))).toBeNull();
    expect(policy.signInNotice('Me', '"Me" has a sign-in that can no longer be renewed', at(2))).toBeNull();
    // Another integration is its own count.
    expect(policy.onRefreshEvent(lapsed('Other'), at(2))?.integration).toBe('Other');
    // A lock does not restart the day; the next day does.
    policy.reset();
    expect(policy.signInNotice('Me', 'why', at(23))).toBeNull();
    expect(policy.signInNotice('Me', 'why', at(24))).not.toBeNull();
  });

  it('a failure that is not about signing in keeps the "retrying" notice', () => {
    const policy = new NotificationPolicy();
    const failed = { ...lapsed('Machine'), action: undefined, message: 'IMS had a server error.' };
    expect(policy.onRefreshEvent(failed, at(0))?.title).toBe('Keysmith could not refresh "Machine"');
  });
});

describe('certificate notices follow the health threshold', () => {
  it('a certificate with 45 days left is expiring under a 60-day threshold, not under 30', async () => {
    const material = await generateKeyMaterial({ bits: 2048, days: 45, subject: { CN: 'threshold test' } });
    const integration = {
      kind: 'jwt',
      name: 'CM',
      keys: [{ active: true, certificatePem: material.certificatePem, fingerprintSha256: 'AA' }],
    } as unknown as Integration;
    const now = new Date();
    expect(NotificationPolicy.expiringCertificates([integration], now, 30)).toEqual([]);
    const expiring = NotificationPolicy.expiringCertificates([integration], now, 60);
    expect(expiring).toEqual([expect.objectContaining({ name: 'CM', fingerprint: 'AA' })]);
    const [notice] = new NotificationPolicy().certificateNotices(expiring, now, 60);
    expect(notice?.body).toContain('fewer than 60 days left');
    expect(notice?.integration).toBe('CM');
  }, 60_000);
});
