// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import { createFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

function missingVault() {
  const { api } = createFakeApi({ vault: { state: 'missing', methods: [] } });
  const create = vi.fn<KeysmithApi['vault']['create']>();
  (api.vault as unknown as { create: typeof create }).create = create;
  window.keysmith = api as unknown as KeysmithApi;
  return { create };
}

describe('first run: creating the vault', () => {
  it('creates a keychain vault by default and then shows the app', async () => {
    const { create } = missingVault();
    create.mockResolvedValue({ ok: true, value: { state: 'unlocked', methods: ['keychain', 'recovery'], dataDir: '/tmp/ks', lastError: null } });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create the vault' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ method: 'keychain' }));
    expect(await screen.findByRole('heading', { name: 'Keysmith' })).toBeTruthy();
  });

  it('checks the passphrase as it is typed and sends it only when both entries agree', async () => {
    const { create } = missingVault();
    create.mockResolvedValue({ ok: true, value: { state: 'unlocked', methods: ['passphrase', 'recovery'], dataDir: '/tmp/ks', lastError: null } });
    render(<App />);
    fireEvent.click(await screen.findByLabelText('a passphrase'));
    const submit = screen.getByRole('button', { name: 'Create the vault' }) as HTMLButtonElement;
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'short' } });
    expect(screen.getByText('Choose a passphrase of at least 8 characters')).toBeTruthy();
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'correct horse' } });
    fireEvent.change(screen.getByLabelText('Repeat the passphrase'), { target: { value: 'correct hors' } });
    expect(screen.getByText('The two passphrases differ')).toBeTruthy();
    expect(submit.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Repeat the passphrase'), { target: { value: 'correct horse' } });
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await waitFor(() => expect(create).toHaveBeenCalledWith({ method: 'passphrase', passphrase: 'correct horse' }));
  });

  it('offers the passphrase, in its own words, when there is no keychain', async () => {
    const { create } = missingVault();
    create.mockResolvedValue({ ok: false, error: { code: 'keychain_unavailable', message: 'The OS keychain is not available (x): start your keyring service, or use --passphrase' } });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create the vault' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The system keychain is not available on this machine: choose a passphrase instead.');
    expect((screen.getByLabelText('a passphrase') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Passphrase')).toBeTruthy();
  });
});
