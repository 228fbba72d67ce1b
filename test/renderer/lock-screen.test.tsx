// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { createFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

describe('LockScreen', () => {
  it('is shown when the vault is locked and submits the passphrase', async () => {
    const fake = createFakeApi({ vault: { state: 'locked' } });
    window.keysmith = fake.full;
    render(<App />);
    const field = await screen.findByLabelText('Passphrase');
    expect(screen.queryByRole('searchbox')).toBeNull();
    fireEvent.change(field, { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('searchbox', { name: 'Search integrations' })).toBeTruthy();
    expect(fake.api.vault.unlock).toHaveBeenCalledWith({ method: 'passphrase', passphrase: 'correct horse' });
  });

  it('shows the typed error message of a failed unlock and stays locked', async () => {
    const fake = createFakeApi({ vault: { state: 'locked' } });
    fake.api.vault.unlock.mockResolvedValueOnce({
      ok: false,
      error: { code: 'wrong_passphrase', message: 'That passphrase does not open this vault' },
    });
    window.keysmith = fake.full;
    render(<App />);
    fireEvent.change(await screen.findByLabelText('Passphrase'), { target: { value: 'wrong' } });
    fireEvent.submit(screen.getByRole('form', { name: 'Unlock the vault' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That passphrase does not open this vault');
    expect(screen.getByLabelText('Passphrase').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('searchbox')).toBeNull();
  });

  it('unlocks with the recovery key', async () => {
    const fake = createFakeApi({ vault: { state: 'locked' } });
    window.keysmith = fake.full;
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use the recovery key instead' }));
    fireEvent.change(screen.getByLabelText('Recovery key'), { target: { value: 'ABCD-EFGH' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('searchbox');
    expect(fake.api.vault.unlock).toHaveBeenCalledWith({ method: 'recovery', recoveryKey: 'ABCD-EFGH' });
  });

  it('offers the system keychain when the vault has it', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', methods: ['keychain', 'recovery'] } });
    window.keysmith = fake.full;
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock with the system keychain' }));
    await screen.findByRole('searchbox');
    expect(fake.api.vault.unlock).toHaveBeenCalledWith({ method: 'keychain' });
  });
});
