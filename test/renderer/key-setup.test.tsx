// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { TokenStatus } from '../../electron/shared/ipc/contract';
import { DEVELOPER_CONSOLE_URL } from '../../renderer/src/errors/ErrorActions';
import { KeypairPanel } from '../../renderer/src/keys/KeypairPanel';
import { createFakeKeys, fingerprint, GENERATED, keyPair, type KeyPair } from './fake-keys';

afterEach(cleanup);

const NAME = 'AEM prod';
const STATUS: TokenStatus = { name: NAME, applicable: true, state: 'valid', expiresAt: Date.UTC(2026, 5, 1, 12), mintedAt: Date.UTC(2026, 4, 31, 12), autoRefresh: false };

function mount(initial: KeyPair[] = []) {
  const fake = createFakeKeys(initial);
  const tokens = { mint: vi.fn<KeysmithApi['tokens']['mint']>(() => Promise.resolve({ ok: true, value: STATUS })) };
  const api = { keypairs: fake.keypairs, tokens, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  render(<KeypairPanel api={api} name={NAME} onChanged={vi.fn()} />);
  return { ...fake, tokens };
}

const steps = () => within(screen.getByRole('list', { name: 'Set up the key' })).getAllByRole('listitem');
const current = () => steps().find((s) => s.getAttribute('aria-current') === 'step')!;

describe('keys first: a JWT integration without a key', () => {
  it('leads with Generate → Upload → Test token, one step at a time, and ends with a Done button', async () => {
    const { tokens, keypairs } = mount();
    await screen.findByText(/No key yet/);
    expect(steps().map((s) => s.querySelector('.setup-title')!.textContent)).toEqual(['1 Generate a key', '2 Upload its certificate', '3 Test a token']);
    expect(current().textContent).toContain('Generate a key');
    expect(within(current()).getByRole('button', { name: 'Generate' })).toBeTruthy();
    expect(within(current()).getByRole('button', { name: /Import a key/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(current().textContent).toContain('Upload its certificate'));
    expect(steps()[0]!.textContent).toContain('(done)');
    const upload = current();
    // The new key in the one fingerprint form, its certificate to save, and a real link to the Console.
    expect(within(upload).getByTestId('new-key-fingerprint').textContent).toBe(`${GENERATED[0]!.replace(/:/g, '').slice(0, 8)}…`);
    fireEvent.click(within(upload).getByRole('button', { name: /Save certificate/ }));
    await waitFor(() => expect(keypairs.saveCertificate).toHaveBeenCalled());
    const link = within(upload).getByRole('link', { name: 'Open the Developer Console' });
    expect(link.getAttribute('href')).toBe(DEVELOPER_CONSOLE_URL);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(upload).queryByRole('button', { name: 'Done' })).toBeNull();

    fireEvent.click(within(upload).getByRole('button', { name: 'Uploaded: next' }));
    expect(current().textContent).toContain('Test a token');
    fireEvent.click(within(current()).getByRole('button', { name: 'Test token' }));
    expect((await within(current()).findByRole('status')).textContent).toMatch(/^Token received ✓/);
    expect(tokens.mint).toHaveBeenCalledWith({ name: NAME, force: true });

    const done = within(current()).getByRole('button', { name: 'Done' });
    expect(done.className).toBe('primary');
    fireEvent.click(done);
    expect(screen.queryByRole('list', { name: 'Set up the key' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Rotate: generate a new key…' })).toBeTruthy();
  });

  it('shows a refused test token with its next step, and lets it be tried again', async () => {
    const { tokens } = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'Generate' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Uploaded: next' }));
    tokens.mint.mockResolvedValueOnce({
      ok: false,
      error: { code: 'token_refused', message: 'Adobe refused the signed request: the certificate is not on the credential', action: 'upload_certificate', integration: NAME },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test token' }));
    expect((await within(current()).findByRole('alert')).textContent).toContain('certificate is not on the credential');
    fireEvent.click(within(current()).getByRole('button', { name: 'Test again' }));
    expect((await within(current()).findByRole('status')).textContent).toMatch(/^Token received ✓/);
  });

  it('does not show the steps for an integration that already has a key; a rotated key ends with a Done button', async () => {
    mount([keyPair(fingerprint('E1', 'CD'), { active: true })]);
    await screen.findByRole('list', { name: 'Keys' });
    expect(screen.queryByRole('list', { name: 'Set up the key' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Rotate: generate a new key…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const done = await screen.findByRole('button', { name: 'Done' });
    expect(done.className).toBe('primary');
    fireEvent.click(done);
    expect(screen.queryByTestId('new-key-fingerprint')).toBeNull();
  });

  it('copies the full fingerprint from the short one', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const full = fingerprint('E1', 'CD');
    mount([keyPair(full, { active: true })]);
    const short = full.replace(/:/g, '').slice(0, 8);
    const button = await screen.findByRole('button', { name: `Copy full fingerprint of key ${short}` });
    fireEvent.click(button);
    await waitFor(() => expect(button.textContent).toBe('Copied ✓'));
    expect(writeText).toHaveBeenCalledWith(full);
  });
});
