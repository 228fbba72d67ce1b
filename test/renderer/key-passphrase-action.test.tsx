// @vitest-environment jsdom
/**
 * key_passphrase as a button: an import error that names the action without pointing at the
 * passphrase field (so the form did not open by itself) offers "Enter the key's passphrase…",
 * which opens the passphrase field with the cursor in it.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import { ACTION_LABELS } from '../../renderer/src/errors/ErrorActions';
import { KeypairPanel } from '../../renderer/src/keys/KeypairPanel';
import { createFakeKeys } from './fake-keys';

afterEach(cleanup);

describe('key_passphrase action', () => {
  it('opens the key passphrase field and focuses it', async () => {
    const fake = createFakeKeys([]);
    const api = { keypairs: fake.keypairs, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
    render(<KeypairPanel api={api} name="AEM prod" onChanged={vi.fn()} />);
    fake.keypairs.import.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'This key is encrypted', action: 'key_passphrase' } });

    fireEvent.click(await screen.findByRole('button', { name: 'Import a key…' }));
    const button = await screen.findByRole('button', { name: ACTION_LABELS.key_passphrase });
    expect(screen.queryByLabelText('Key passphrase')).toBeNull();
    fireEvent.click(button);
    const field = screen.getByLabelText('Key passphrase');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.queryByRole('button', { name: ACTION_LABELS.key_passphrase })).toBeNull();
  });
});
