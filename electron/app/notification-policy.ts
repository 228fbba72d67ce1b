/**
 * Which background events deserve a desktop notification, and how often. A failing refresh is
 * retried with backoff and would otherwise notify on every retry: it notifies once until that
 * integration refreshes again. An expiring certificate notifies once a day at most.
 */
import type { Integration } from '../shared/integration';
import { EXPIRY_WARNING_DAYS, describeCertificate } from '../core/keys/certificate-info';
import { keysOf } from '../core/keys/keypair-store';
import type { RefreshEvent } from '../core/tokens/refresh-scheduler';
import { HEALTH_LABELS, type HealthReport } from '../shared/health';

export interface Notice {
  title: string;
  body: string;
  /** the integration a click on the notice should show, when it is about one */
  integration?: string;
  /** the view a click should show instead, for a notice about more than one integration */
  view?: 'health';
}

export interface CertificateExpiry {
  name: string;
  fingerprint: string;
  notAfter: string;
  daysLeft: number;
}

const DAY_MS = 86_400_000;

export class NotificationPolicy {
  private readonly failing = new Set<string>();
  private readonly certNotified = new Map<string, number>();

  onRefreshEvent(event: RefreshEvent, now: Date = new Date()): Notice | null {
    if (event.type === 'refreshed') {
      this.failing.delete(event.name);
      return null;
    }
    // Retrying cannot fix a sign-in that lapsed: that says "sign in", once a day, not "retrying".
    if (event.type === 'failed' && event.action === 'sign_in') return this.signInNotice(event.name, event.message, now);
    if (event.type !== 'failed' || this.failing.has(event.name)) return null;
    this.failing.add(event.name);
    return { title: `Keysmith could not refresh "${event.name}"`, body: `${event.message} It will keep retrying.` };
  }

  /** The active certificates with fewer than `withinDays` days left (the health setting), of every integration. */
  static expiringCertificates(integrations: readonly Integration[], now: Date, withinDays: number = EXPIRY_WARNING_DAYS): CertificateExpiry[] {
    const out: CertificateExpiry[] = [];
    for (const integration of integrations) {
      const active = keysOf(integration).find((k) => k.active);
      if (!active) continue;
      const info = describeCertificate(active.certificatePem, now);
      // daysLeft is whole days rounded down, so this is "less than withinDays × 24 h left".
      if (info.daysLeft < withinDays) out.push({ name: integration.name, fingerprint: active.fingerprintSha256, notAfter: info.notAfter, daysLeft: info.daysLeft });
    }
    return out;
  }

  /** Notices for expiries not yet notified in the last day. */
  certificateNotices(expiring: readonly CertificateExpiry[], now: Date, withinDays: number = EXPIRY_WARNING_DAYS): Notice[] {
    const notices: Notice[] = [];
    for (const c of expiring) {
      const key = `${c.name}\n${c.fingerprint}`;
      const last = this.certNotified.get(key);
      if (last !== undefined && now.getTime() - last < DAY_MS) continue;
      this.certNotified.set(key, now.getTime());
      const when = c.daysLeft < 0 ? `expired on ${c.notAfter.slice(0, 10)}` : c.daysLeft === 0 ? 'expires today' : `expires in ${c.daysLeft} day${c.daysLeft === 1 ? '' : 's'}`;
      notices.push({
        title: `Certificate of "${c.name}" ${when}`,
        body: `Generate a new key, upload its certificate to the Developer Console, then make it active (fewer than ${withinDays} days left).`,
        integration: c.name,
      });
    }
    return notices;
  }

  private healthNotified: { key: string; at: number } | null = null;

  /**
   * One notice for what health finds due, at most once a day, and again at once when the set of due
   * items changes (a new one appears); none when nothing is due.
   */
  healthNotice(report: HealthReport, now: Date): Notice | null {
    const due = report.items.filter((i) => i.severity === 'due');
    if (due.length === 0) {
      this.healthNotified = null;
      return null;
    }
    const key = due.map((i) => `${i.integration}\n${i.condition}`).sort().join('\n\n');
    const last = this.healthNotified;
    if (last && last.key === key && now.getTime() - last.at < DAY_MS) return null;
    this.healthNotified = { key, at: now.getTime() };
    const first = due[0]!;
    return {
      title: due.length === 1 ? `"${first.integration}" needs attention` : `${due.length} things need attention in Keysmith`,
      body: due.length === 1 ? `${HEALTH_LABELS[first.condition]}: ${first.message}` : 'Open Keysmith to see them in Health.',
      // Health, even for one item: it says what is due and offers the step (rotate, migrate, sign in).
      view: 'health',
    };
  }

  private readonly signInNotified = new Map<string, number>();

  /**
   * "Sign in again" for a person's sign-in that can no longer be renewed (a refused or lapsed
   * refresh token, or none): at most once a day per integration, whichever check found it, and
   * not forgotten on lock, so unlocking again does not repeat it.
   */
  signInNotice(name: string, why: string, now: Date): Notice | null {
    const last = this.signInNotified.get(name);
    if (last !== undefined && now.getTime() - last < DAY_MS) return null;
    this.signInNotified.set(name, now.getTime());
    return { title: `Sign in again to "${name}"`, body: `${why}. Open Keysmith and choose Sign in.`.replace(/\.\. /, '. '), integration: name };
  }

  reset(): void {
    this.failing.clear();
  }
}
