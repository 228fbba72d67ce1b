// @vitest-environment jsdom
/**
 * The Sign-in panel: who is signed in and until when, Sign in (waiting on the browser that main
 * opened), Sign out, a warning before the refresh token lapses, and an error as a sentence.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { SignInView } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { SignInPanel } from '../../renderer/src/SignInPanel';

afterEach(cleanup);

const NAME = 'Adobe me';
const signedOut: SignInView = { name: NAME, state: 'signed_out', identity: null, accessExpiresAt: null, refreshExpiresAt: null, hasRefreshToken: false, refreshExpiresSoon: false };
const signedIn: SignInView = {
  name: NAME,
  state: 'signed_in',
  identity: { name: 'Ada Lovelace', email: 'ada@example.test' },
  accessExpiresAt: Date.parse('2026-12-01T10:00:00Z'),
  refreshExpiresAt: Date.parse('2026-12-14T10:00:00Z'),
  hasRefreshToken: true,
  refreshExpiresSoon: false,
};
const ok = <T,>(value: T): IpcResult<T> => ({ ok: true, value });

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function mount(status: SignInView, start: () => Promise<IpcResult<SignInView>>) {
  const signin = {
    status: vi.fn(async () => ok(status)),
    start: vi.fn(start),
    signOut: vi.fn(async () => ok({ ...signedOut, revocation: 'revoked' as const })),
  };
  const onChanged = vi.fn();
  render(<SignInPanel api={{ signin } as unknown as KeysmithApi} name={NAME} onChanged={onChanged} />);
  return { signin, onChanged };
}

describe('SignInPanel', () => {
  it('signs in: says it waits on the browser, then shows who and until when', async () => {
    const answer = deferred<IpcResult<SignInView>>();
    const { signin, onChanged } = mount(signedOut, () => answer.promise);
    expect(await screen.findByText('Not signed in.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Finish signing in in your browser; Keysmith is waiting for it.');
    expect(signin.start).toHaveBeenCalledWith({ name: NAME });
    answer.resolve(ok(signedIn));
    expect(await screen.findByText('Signed in as Ada Lovelace <ada@example.test>.')).toBeTruthy();
    expect(screen.getByText(/Renewed without asking until/)).toBeTruthy();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('signs out', async () => {
    const { signin } = mount(signedIn, async () => ok(signedIn));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByText('Not signed in.')).toBeTruthy());
    expect(signin.signOut).toHaveBeenCalledWith({ name: NAME });
  });

  it('warns before the refresh token lapses', async () => {
    mount({ ...signedIn, refreshExpiresSoon: true }, async () => ok(signedIn));
    expect(await screen.findByText(/The sign-in lapses soon, on/)).toBeTruthy();
  });

  it('shows a refused sign-in as its sentence, and lets the person try again', async () => {
    mount(signedOut, async () => ({ ok: false, error: { code: 'token_refused', message: '"Adobe me": the sign-in was cancelled or consent was refused at the provider; nothing was stored' } }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the sign-in was cancelled or consent was refused');
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });
});
