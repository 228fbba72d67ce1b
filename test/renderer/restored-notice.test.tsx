// @vitest-environment jsdom
/**
 * After "Restore the previous vault…" on the lock screen, the main view says once where the file
 * that would not open was kept (vault:restoreBackup's keptAs), until the user dismisses it; a plain
 * unlock says nothing, and a lock forgets it.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { ACTION_LABELS } from '../../renderer/src/errors/ErrorActions';
import { createFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

const KEPT = '/home/someone/.keysmith/vault.ksv.damaged-2026-01-02T03-04-05Z';

function lockedApp(keptAs: string | null = KEPT) {
  const fake = createFakeApi({ vault: { state: 'locked', methods: ['passphrase', 'recovery'] } });
  fake.api.vault.unlock.mockResolvedValueOnce({ ok: false, error: { code: 'vault_tampered', message: 'The vault file did not open', action: 'restore_backup' } });
  fake.api.vault.restoreBackup.mockResolvedValueOnce({
    ok: true,
    value: { state: 'unlocked', methods: ['passphrase', 'recovery'], dataDir: '/tmp/ks', lastError: null, keptAs },
  });
  window.keysmith = fake.full;
  render(<App />);
  return fake;
}

async function restore() {
  fireEvent.change(await screen.findByLabelText('Passphrase'), { target: { value: 'correct horse' } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
  fireEvent.click(await screen.findByRole('button', { name: ACTION_LABELS.restore_backup }));
  fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
  await screen.findByRole('searchbox', { name: 'Search integrations' });
}

const notice = () => screen.queryByText(/Restored the backup/);

describe('the notice after a restore', () => {
  it('says where the damaged file was kept, until dismissed', async () => {
    lockedApp();
    await restore();
    const shown = notice()!;
    expect(shown.textContent).toBe(`Restored the backup. The file that would not open was kept as ${KEPT}.`);
    expect(shown.closest('[role="status"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(notice()).toBeNull();
  });

  it('says only that the backup was restored when nothing was kept', async () => {
    lockedApp(null);
    await restore();
    expect(notice()!.textContent).toBe('Restored the backup.');
  });

  it('is not shown after a plain unlock, and not again after a lock and unlock', async () => {
    const fake = lockedApp();
    await restore();
    expect(notice()).not.toBeNull();
    fake.api.vault.status.mockResolvedValue({ ok: true, value: { state: 'locked', methods: ['passphrase', 'recovery'], dataDir: '/tmp/ks', lastError: null } });
    act(() => fake.emit('vault:locked', { reason: 'user' }));
    fireEvent.change(await screen.findByLabelText('Passphrase'), { target: { value: 'correct horse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    expect(fake.api.vault.unlock).toHaveBeenCalledTimes(2);
    expect(notice()).toBeNull();
  });
});
