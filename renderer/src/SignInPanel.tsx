/**
 * A person's sign-in for a user sign-in integration: who is signed in, until when the refresh
 * token lasts (with a warning before it lapses), Sign in (main opens the system browser, never an
 * embedded window) and Sign out. No token ever reaches this page: only the name, email and times.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { SignInView } from '../../electron/shared/ipc/contract';
import { call, type IpcError, type KeysmithApi } from './bridge';

interface Props {
  api: KeysmithApi;
  name: string;
  /** after a sign-in or sign-out, so the token panel and the list follow */
  onChanged?: () => void;
}

const when = (ms: number) => new Date(ms).toLocaleString();

function describe(view: SignInView): string {
  if (view.state === 'signed_out') return 'Not signed in.';
  const who = view.identity ? [view.identity.name, view.identity.email && `<${view.identity.email}>`].filter(Boolean).join(' ') : '';
  if (view.state === 'expired') return `The sign-in${who ? ` of ${who}` : ''} has expired: sign in again.`;
  return `Signed in${who ? ` as ${who}` : ''}.`;
}

export function SignInPanel({ api, name, onChanged }: Props) {
  const [view, setView] = useState<SignInView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [waiting, setWaiting] = useState(false);
  const titleId = useId();

  const load = useCallback(async () => {
    const result = await call(api.signin.status({ name }));
    if (result.ok) setView(result.value);
    else setError(result.error);
  }, [api, name]);

  useEffect(() => void load(), [load]);

  async function signIn() {
    setWaiting(true);
    setError(null);
    const result = await call(api.signin.start({ name }));
    setWaiting(false);
    if (result.ok) {
      setView(result.value);
      onChanged?.();
    } else setError(result.error);
  }

  async function signOut() {
    const result = await call(api.signin.signOut({ name }));
    if (result.ok) {
      setView(result.value);
      onChanged?.();
    } else setError(result.error);
  }

  return (
    <section className="token-panel signin-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Sign-in</h3>
      {view && <p className="token-state">{describe(view)}</p>}
      {view?.state === 'signed_in' && view.refreshExpiresAt !== null && (
        <p className={view.refreshExpiresSoon ? 'notice warning' : 'hint'}>
          {view.refreshExpiresSoon ? 'The sign-in lapses soon, on ' : 'Renewed without asking until '}
          {when(view.refreshExpiresAt)}.
        </p>
      )}
      {view?.state === 'signed_in' && !view.hasRefreshToken && view.accessExpiresAt !== null && (
        <p className="hint">No refresh token: sign in again after {when(view.accessExpiresAt)}.</p>
      )}
      {waiting && (
        <p role="status" className="notice">
          Finish signing in in your browser; Keysmith is waiting for it.
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
      <div className="row">
        <button type="button" className={view?.state === 'signed_in' ? '' : 'primary'} onClick={() => void signIn()} disabled={waiting}>
          {view?.state === 'signed_in' ? 'Sign in again' : 'Sign in'}
        </button>
        {view && view.state !== 'signed_out' && (
          <button type="button" onClick={() => void signOut()} disabled={waiting}>
            Sign out
          </button>
        )}
      </div>
    </section>
  );
}
