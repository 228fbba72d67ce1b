/**
 * What the renderer hears of main's state: token refreshes, lock and unlock, settings changes. The
 * clipboard is cleared on every lock here too, because a lock must take a copied secret with it
 * whoever listens. No Electron import: the app and the browser e2e suite share this wiring.
 */
import type { AppParts } from './app-parts';
import type { PushEvent } from './events.main';

export function forwardEvents(parts: Pick<AppParts, 'session' | 'settings' | 'clipboard'>, push: PushEvent): void {
  const { session, settings, clipboard } = parts;
  session.on('refresh', (event) => {
    if (event.type === 'refreshed') push('token:refreshed', { name: event.name, expiresAt: event.expiresAt });
    else if (event.type === 'failed') push('token:failed', { name: event.name, message: event.message, retryAt: event.retryAt });
    else push('token:expiring', { name: event.name, expiresAt: event.expiresAt });
  });
  session.on('unlocked', () => push('vault:unlocked', {}));
  session.on('locked', (reason) => {
    void clipboard.clearIfOurs('lock');
    push('vault:locked', { reason });
  });
  settings.on('changed', (s) => push('settings:changed', s));
}
