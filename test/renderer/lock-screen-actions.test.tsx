// @vitest-environment jsdom
/**
 * The buttons an unlock error carries on the lock screen (errors as data, shared/error-codes.ts):
 * recover switches to the recovery key, use_passphrase to the passphrase, restore_backup asks and
 * then calls vault:restoreBackup with what is in the field, init shows the first-run screen.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { ACTION_LABELS } from '../../renderer/src/errors/ErrorActions';
import type { ErrorAction } from '../../electron/shared/error-codes';
import { createFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

function refusing(action: ErrorAction, methods: ('passphrase' | 'recovery' | 'keychain')[] = ['passphrase', 'recovery']) {
  const fake = createFakeApi({ vault: { state: 'locked', methods } });
  fake.api.vault.unlock.mockResolvedValueOnce({ ok: false, error: { code: 'vault_tampered', message: 'The vault did not open', action } });
  window.keysmith = fake.full;
  render(<App />);
  return fake;
}

async function failUnlock(secret = 'typed') {
  fireEvent.change(await screen.findByLabelText('Passphrase'), { target: { value: secret } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
  await screen.findByRole('alert');
}

describe('lock screen error actions', () => {
  it('recover: switches the field to the recovery key and focuses it', async () => {
    refusing('recover');
    await failUnlock();
    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.recover }));
    const field = screen.getByLabelText('Recovery key');
    expect((field as HTMLInputElement).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('restore_backup: asks first, Cancel calls nothing, Restore opens the backup with the typed passphrase', async () => {
    const fake = refusing('restore_backup');
    await failUnlock('correct horse');
    // The unlock refusal keeps what was typed, so the backup opens with it.
    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.restore_backup }));
    const dialog = screen.getByRole('alertdialog', { name: 'Restore the previous vault?' });
    expect(dialog.textContent).toContain('kept beside it');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.api.vault.restoreBackup).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.restore_backup }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    expect(fake.api.vault.restoreBackup).toHaveBeenCalledWith({ method: 'passphrase', passphrase: 'correct horse' });
  });

  it('restore_backup: with nothing typed and no keychain, Restore waits for a passphrase', async () => {
    const fake = refusing('restore_backup');
    await failUnlock();
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.restore_backup }));
    expect((screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(true);
    expect(fake.api.vault.restoreBackup).not.toHaveBeenCalled();
  });

  it('use_passphrase: back to the passphrase field from the recovery key, only for a vault that has one', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', methods: ['passphrase', 'recovery'] } });
    fake.api.vault.unlock.mockResolvedValueOnce({ ok: false, error: { code: 'keychain_unavailable', message: 'No keychain', action: 'use_passphrase' } });
    window.keysmith = fake.full;
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use the recovery key instead' }));
    fireEvent.change(screen.getByLabelText('Recovery key'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.use_passphrase }));
    expect(screen.getByLabelText('Passphrase')).toBeTruthy();
  });

  it('use_passphrase: no button for a keychain-only vault (it needs the recovery key first)', async () => {
    const fake = createFakeApi({ vault: { state: 'locked', methods: ['keychain', 'recovery'] } });
    fake.api.vault.unlock.mockResolvedValueOnce({ ok: false, error: { code: 'keychain_unavailable', message: 'No keychain', action: 'use_passphrase' } });
    window.keysmith = fake.full;
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlock with the system keychain' }));
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: ACTION_LABELS.use_passphrase })).toBeNull();
  });

  it('init: asks main again and shows the first-run screen when the vault is gone', async () => {
    const fake = refusing('init');
    await failUnlock();
    fake.api.vault.status.mockResolvedValue({ ok: true, value: { state: 'missing', methods: [], dataDir: '/tmp/ks', lastError: null } });
    fireEvent.click(screen.getByRole('button', { name: ACTION_LABELS.init }));
    expect(await screen.findByRole('form', { name: 'Create the vault' })).toBeTruthy();
  });
});
