// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { createFakeApi, MASKED_SECRET } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

async function openFirst() {
  const fake = createFakeApi();
  window.keysmith = fake.full;
  render(<App />);
  const row = await screen.findByText('integration-0000');
  fireEvent.click(row);
  await screen.findByRole('heading', { name: 'integration-0000' });
  return fake;
}

describe('IntegrationDetail', () => {
  it('shows fields with the secret masked as main returned it', async () => {
    const fake = await openFirst();
    expect(fake.api.integrations.get).toHaveBeenCalledWith({ name: 'integration-0000' });
    expect(screen.getByTestId('client-secret').textContent).toBe(MASKED_SECRET);
    expect(screen.getByText('client0abc')).toBeTruthy();
    expect(screen.getByText('openid, AdobeID')).toBeTruthy();
  });

  it('copies the client secret through main, never in the page', async () => {
    const fake = await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Copy client secret' }));
    await screen.findByText(/Client secret copied/);
    expect(fake.api.secrets.copyClientSecret).toHaveBeenCalledWith({ name: 'integration-0000' });
  });

  it('copies the token in the chosen format', async () => {
    const fake = await openFirst();
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'curl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await screen.findByText(/Token copied\./);
    expect(screen.getByTestId('clipboard-countdown').textContent).toBe('The clipboard is cleared in 00:30');
    expect(fake.api.tokens.copy).toHaveBeenCalledTimes(1);
    expect(fake.api.tokens.copy).toHaveBeenCalledWith({ name: 'integration-0000', format: 'curl' });
  });

  it('copies the selected token from the menu event', async () => {
    const fake = await openFirst();
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'env' } });
    act(() => fake.emit('menu:copySelectedToken', {}));
    await screen.findByText(/Token copied\./);
    expect(fake.api.tokens.copy).toHaveBeenCalledWith({ name: 'integration-0000', format: 'env' });
  });

  it('clears the copy notice when main clears the clipboard', async () => {
    const fake = await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await screen.findByText(/Token copied\./);
    act(() => fake.emit('clipboard:cleared', { reason: 'timeout' }));
    expect(screen.queryByText(/Token copied\./)).toBeNull();
  });

  it('offers token, header, curl and env formats', async () => {
    await openFirst();
    const values = [...(screen.getByLabelText('Format') as HTMLSelectElement).options].map((o) => o.value);
    expect(values).toEqual(['raw', 'header', 'curl', 'env']);
  });

  it('refreshes now, toggles auto-refresh and shows a failed refresh in plain language', async () => {
    const fake = await openFirst();
    const auto = screen.getByRole('switch', { name: 'Refresh automatically' }) as HTMLInputElement;
    await waitFor(() => expect(auto.disabled).toBe(false));
    fireEvent.click(auto);
    await waitFor(() => expect(auto.checked).toBe(true));
    expect(fake.api.tokens.setAutoRefresh).toHaveBeenCalledWith({ name: 'integration-0000', enabled: true });

    fake.api.tokens.mint.mockResolvedValueOnce({
      ok: false,
      error: { code: 'token_refused', message: 'IMS refused the credentials: invalid_client' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('IMS refused the credentials: invalid_client');
    expect(alert.textContent).toContain('Check the client id, client secret and scopes');
    expect(fake.api.tokens.mint).toHaveBeenCalledWith({ name: 'integration-0000', force: true });
  });
});
