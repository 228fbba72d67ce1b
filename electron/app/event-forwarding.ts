/**
 * What the renderer hears of main's state: token refreshes, lock and unlock, settings changes. The
 * clipboard is cleared on every lock here too, because a lock must take a copied secret with it
 * whoever listens. No Electron import: the app and the browser e2e suite share this wiring.
 */
import type { AppParts } from './app-parts';
import type { PushEvent } from './events.main';
import { disposeAll, listen, type Dispose } from './subscriptions';

/** Returns what removes every listener it added. */
export function forwardEvents(parts: Pick<AppParts, 'session' | 'settings' | 'clipboard'>, push: PushEvent): Dispose {
  const { session, settings, clipboard } = parts;
  return disposeAll([
    listen(session, 'refresh', (event) => {
      if (event.type === 'refreshed') push('token:refreshed', { name: event.name, expiresAt: event.expiresAt });
      else if (event.type === 'failed') push('token:failed', { name: event.name, message: event.message, retryAt: event.retryAt, code: event.code, ...(event.action !== undefined && { action: event.action }) });
      else push('token:expiring', { name: event.name, expiresAt: event.expiresAt });
    }),
    listen(session, 'unlocked', () => push('vault:unlocked', {})),
    listen(session, 'locked', (reason) => {
      void clipboard.clearIfOurs('lock');
      push('vault:locked', { reason });
    }),
    listen(settings, 'changed', (s) => push('settings:changed', s)),
  ]);
}
