// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ExportSaveResult } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { ExportPanel } from '../../renderer/src/export/ExportPanel';

afterEach(cleanup);

function mount(kind: 'oauthS2S' | 'apiKey', answer: IpcResult<ExportSaveResult>) {
  const exportFn = vi.fn<KeysmithApi['interop']['export']>(() => Promise.resolve(answer));
  const api = { interop: { export: exportFn }, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  const onClose = vi.fn();
  render(<ExportPanel api={api} name="Analytics" kind={kind} onClose={onClose} />);
  return { exportFn, onClose };
}

const format = () => screen.getByLabelText('Format') as HTMLSelectElement;
const exportButton = () => screen.getByRole('button', { name: 'Export…' }) as HTMLButtonElement;

describe('ExportPanel', () => {
  it('sends the context name for aio and shows the saved path with every warning', async () => {
    const hostile = 'aio picks its IMS \u001b[31mfrom <b>env</b>';
    const { exportFn } = mount('oauthS2S', { ok: true, value: { saved: true, path: '/home/me/analytics.json', warnings: ['aio-lib-ims will refuse this context', hostile] } });
    fireEvent.change(format(), { target: { value: 'aio' } });
    fireEvent.change(screen.getByLabelText('aio context name'), { target: { value: ' my-ctx ' } });
    expect(screen.queryByLabelText(/Include the current access token/)).toBeNull();
    fireEvent.click(exportButton());
    await waitFor(() => expect(exportFn).toHaveBeenCalledWith({ name: 'Analytics', format: 'aio', includeSecrets: false, context: 'my-ctx' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Saved to /home/me/analytics.json.');
    const items = [...status.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual(['aio-lib-ims will refuse this context', hostile]);
    // Shown as text, never as markup.
    expect(status.querySelector('b')).toBeNull();
  });

  it('checks the context name as typed with the CLI rule, and sends none when left empty', async () => {
    const { exportFn } = mount('oauthS2S', { ok: true, value: { saved: false, warnings: [] } });
    const context = screen.getByLabelText('aio context name') as HTMLInputElement;
    for (const bad of ['Has Spaces', 'UPPER', 'a.b', '-lead', 'x'.repeat(65)]) {
      fireEvent.change(context, { target: { value: bad } });
      expect(exportButton().disabled, bad).toBe(true);
      expect(screen.getByText(/The aio context name must be lowercase letters/)).toBeTruthy();
    }
    fireEvent.change(context, { target: { value: '' } });
    expect(exportButton().disabled).toBe(false);
    fireEvent.click(exportButton());
    await waitFor(() => expect(exportFn).toHaveBeenCalledWith({ name: 'Analytics', format: 'env', includeSecrets: false }));
    expect((await screen.findByRole('status')).textContent).toContain('Not saved.');
  });

  it('offers the token for postman and curl only, never for an API key, and drops the context there', async () => {
    const { exportFn } = mount('oauthS2S', { ok: true, value: { saved: true, path: '/tmp/p.json', warnings: [] } });
    fireEvent.change(screen.getByLabelText('aio context name'), { target: { value: 'ctx' } });
    fireEvent.change(format(), { target: { value: 'postman' } });
    expect(screen.queryByLabelText('aio context name')).toBeNull();
    fireEvent.click(screen.getByLabelText(/Include the current access token/));
    fireEvent.click(screen.getByLabelText(/Include secrets/));
    fireEvent.click(exportButton());
    await waitFor(() => expect(exportFn).toHaveBeenCalledWith({ name: 'Analytics', format: 'postman', includeSecrets: true, withToken: true }));
    cleanup();

    mount('apiKey', { ok: true, value: { saved: false, warnings: [] } });
    fireEvent.change(format(), { target: { value: 'curl' } });
    expect(screen.queryByLabelText(/Include the current access token/)).toBeNull();
  });

  it('shows a refusal from main and closes', async () => {
    const { onClose } = mount('oauthS2S', { ok: false, error: { code: 'invalid_input', message: 'the aio context name must be lowercase letters', field: 'context' } });
    fireEvent.click(exportButton());
    expect((await screen.findByRole('alert')).textContent).toContain('the aio context name must be lowercase letters');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
