/**
 * A person's sign-in from the app: the system browser (never an embedded window, RFC 8252) opened
 * by main through the injected `openExternal`, the loopback redirect, and the tokens stored like
 * the CLI's (core/signin/). The renderer gets who signed in and the expiries, nothing secret.
 * A second Sign in for the same integration while one waits joins it rather than opening another.
 */
import { KeysmithError } from '../../core/errors';
import { signIn, userIntegration } from '../../core/signin/sign-in';
import { signInStatus, type SignInStatus } from '../../core/signin/sign-in-status';
import { signOut } from '../../core/signin/sign-out';
import type { SignInView } from '../../shared/ipc/contract';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

function view(status: SignInStatus): SignInView {
  const identity = status.identity && status.identity.source !== 'none' ? { name: status.identity.name ?? null, email: status.identity.email ?? status.identity.sub ?? null } : null;
  return {
    name: status.name,
    state: status.state,
    identity,
    accessExpiresAt: status.accessExpiresAt ?? null,
    refreshExpiresAt: typeof status.refreshExpiresAt === 'number' ? status.refreshExpiresAt : null,
    hasRefreshToken: status.refreshExpiresAt !== undefined,
    refreshExpiresSoon: status.refreshExpiresSoon,
  };
}

export function signInHandlers(s: AppServices): DomainHandlers<'signin'> {
  const pending = new Map<string, Promise<SignInView>>();
  const ports = () => {
    if (!s.openExternal || !s.fetch) throw new KeysmithError('internal', 'This build cannot open the system browser');
    return { openExternal: s.openExternal, fetch: s.fetch };
  };

  return {
    'signin:start': async ({ name }) => {
      const vault = await s.vault.vault();
      const key = userIntegration(vault, name).id;
      const { openExternal, fetch } = ports();
      const running = pending.get(key);
      if (running) return running;
      const started = (async () => {
        await signIn(vault, name, {
          fetch,
          mode: 'browser',
          openBrowser: openExternal,
          onAuthorizationUrl: (_url, opened) => {
            if (!opened) s.log(`sign-in of "${name}": the system browser could not be opened`);
          },
          onDeviceCode: () => undefined,
        });
        return view(await signInStatus(vault, name));
      })().finally(() => pending.delete(key));
      pending.set(key, started);
      return started;
    },

    'signin:status': async ({ name }) => view(await signInStatus(await s.vault.vault(), name)),

    'signin:signOut': async ({ name }) => {
      const vault = await s.vault.vault();
      userIntegration(vault, name);
      const result = await signOut(vault, name, { fetch: ports().fetch });
      return { ...view(await signInStatus(vault, name)), revocation: result.revocation };
    },
  };
}
