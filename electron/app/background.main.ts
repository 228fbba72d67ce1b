/**
 * What runs while the app is open, whatever the window shows: refresh events pushed to the renderer
 * and turned into notifications, certificate expiry checks, the tray kept in step with the vault and
 * the favourites (event-forwarding.ts pushes to the renderer and clears the clipboard on lock), and auto-lock on idle, screen lock and suspend.
 */
import { powerMonitor } from 'electron';
import { toIpcError } from '../ipc/errors';
import { AutoLock } from './auto-lock';
import type { AppParts } from './app-parts';
import { forwardEvents } from './event-forwarding';
import type { PushEvent } from './events.main';
import { showNotice } from './notifications.main';
import { copyToken } from './token-clipboard';
import { NotificationPolicy, type Notice } from './notification-policy';
import { lapsedSignIns } from './sign-in-notices';
import { healthReport } from '../core/health/health-check';
import { MintRecords } from '../core/health/mint-record';
import { healthThresholds } from './settings';
import { disposeAll, listen, type Dispose } from './subscriptions';
import { KeysmithTray } from './tray.main';
import { favoriteEntries } from './tray-menu';

const CERTIFICATE_CHECK_MS = 12 * 60 * 60_000;

export interface Background {
  /** Undoes everything startBackground did: every listener, timer and power event, and the tray. */
  stop(): void;
}

export function startBackground(parts: AppParts, opts: { push: PushEvent; showWindow: () => void; quit: () => void }): Background {
  const { session, settings, services } = parts;
  const { push, log } = { push: opts.push, log: services.log };
  const notices = new NotificationPolicy();
  let minutes: number | null = null;

  const tray = new KeysmithTray({
    copy: (name) =>
      void copyToken(services, name, 'raw').catch((err) => showNotice({ title: `Could not copy the token of "${name}"`, body: toIpcError(err, log).message })),
    show: opts.showWindow,
    lock: () => session.lock('user'),
    quit: opts.quit,
  });

  const refreshTray = async () => {
    const current = await settings.get();
    if (!session.isUnlocked) return tray.update(false, []);
    const doc = (await session.vault()).document;
    tray.update(true, favoriteEntries(current.favorites, doc.integrations));
  };
  const refreshTrayQuietly = () => void refreshTray().catch((err) => log('tray update failed', err));

  /** A click shows the window, on the notice's view or integration when it names one. */
  const notify = (notice: Notice) =>
    showNotice(notice, () => {
      opts.showWindow();
      if (notice.view === 'health') push('notice:showHealth', {});
      else if (notice.integration !== undefined) push('notice:showIntegration', { name: notice.integration });
    });

  const checkCertificates = async () => {
    if (!session.isUnlocked) return;
    const now = new Date();
    const thresholds = healthThresholds(await settings.get());
    const expiring = NotificationPolicy.expiringCertificates((await session.vault()).document.integrations, now, thresholds.certificateDays);
    for (const c of expiring) push('certificate:expiring', c);
    for (const notice of notices.certificateNotices(expiring, now, thresholds.certificateDays)) notify(notice);
    // Sign-ins that can no longer be renewed, found without a refresh having to fail first.
    for (const name of await lapsedSignIns(await session.vault(), now.getTime())) {
      const notice = notices.signInNotice(name, `"${name}" has a sign-in that can no longer be renewed`, now);
      if (notice) notify(notice);
    }
    // Health rides the same schedule (unlock, every change, twice a day): the renderer's Health view and a daily notice.
    const vault = await session.vault();
    const report = healthReport(vault.document, await new MintRecords(vault).read(), { now, thresholds });
    if (report.due > 0) push('health:due', { due: report.due, items: report.items });
    const healthNotice = notices.healthNotice(report, now);
    if (healthNotice) notify(healthNotice);
  };
  const certificateTimer = setInterval(() => void checkCertificates().catch((err) => log('certificate check failed', err)), CERTIFICATE_CHECK_MS);

  const listeners: Dispose[] = [
    forwardEvents(parts, push),
    listen(session, 'refresh', (event) => {
      const notice = notices.onRefreshEvent(event);
      if (notice) notify(notice);
    }),
    listen(session, 'unlocked', () => {
      refreshTrayQuietly();
      void checkCertificates().catch((err) => log('certificate check failed', err));
    }),
    listen(session, 'changed', () => {
      refreshTrayQuietly();
      void checkCertificates().catch((err) => log('certificate check failed', err));
    }),
    listen(session, 'locked', () => {
      notices.reset();
      refreshTrayQuietly();
    }),
    listen(settings, 'changed', (s) => {
      minutes = s.autoLockMinutes;
      refreshTrayQuietly();
      // New health thresholds change what is due: the renderer and the notice follow at once.
      void checkCertificates().catch((err) => log('certificate check failed', err));
    }),
  ];
  void settings.get().then((s) => (minutes = s.autoLockMinutes));

  const autoLock = new AutoLock({
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    minutes: () => minutes,
    isUnlocked: () => session.isUnlocked,
    lock: () => session.lock('idle'),
  });
  autoLock.start();
  const onScreenLock = () => session.lock('screen-lock');
  const onSuspend = () => session.lock('suspend');
  powerMonitor.on('lock-screen', onScreenLock);
  powerMonitor.on('suspend', onSuspend);

  return {
    stop: disposeAll([
      ...listeners,
      () => autoLock.stop(),
      () => clearInterval(certificateTimer),
      () => powerMonitor.off('lock-screen', onScreenLock),
      () => powerMonitor.off('suspend', onSuspend),
      () => tray.destroy(),
    ]),
  };
}
