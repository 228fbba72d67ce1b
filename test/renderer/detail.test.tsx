// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App';
import { IntegrationDetail } from '../../renderer/src/IntegrationDetail';
import { MASKED_SECRET } from './fake-api';
import { createFormsFake, masked, ORG, TECH, type Masked } from './fake-forms';

// The keypair panel has its own tests; here it only has to be shown for the kinds that sign with a key.
vi.mock('../../renderer/src/keys/KeypairPanel', () => ({
  KeypairPanel: ({ name }: { name: string }) => <div data-testid="keypair-panel">{name}</div>,
}));

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

async function openFirst() {
  const fake = createFormsFake();
  window.keysmith = fake.full;
  render(<App />);
  const row = await screen.findByText('integration-0000');
  fireEvent.click(row);
  await screen.findByRole('heading', { name: 'integration-0000' });
  return fake;
}

/** Duplicate and Delete… live in the "More ▾" menu. */
function chooseMore(item: string) {
  fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
  fireEvent.click(screen.getByRole('menuitem', { name: item }));
}

describe('IntegrationDetail', () => {
  it('shows the fields, and the client secret string exactly as the API returned it', async () => {
    const fake = await openFirst();
    expect(fake.api.integrations.get).toHaveBeenCalledWith({ name: 'integration-0000' });
    expect(screen.getByTestId('client-secret').textContent).toBe(MASKED_SECRET);
    expect(screen.getByText('client0abc')).toBeTruthy();
    // Scopes are chips, one per scope, each a value in monospace.
    const scopes = screen.getByRole('list', { name: 'Scopes' });
    expect(within(scopes).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['openid', 'AdobeID']);
    expect(within(scopes).getAllByRole('listitem').every((li) => li.querySelector('code'))).toBe(true);
  });

  it('asks the API to copy the client secret (secrets.copyClientSecret) and says it was copied', async () => {
    const fake = await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Copy client secret' }));
    await screen.findByText(/Client secret copied/);
    expect(fake.api.secrets.copyClientSecret).toHaveBeenCalledWith({ name: 'integration-0000' });
  });

  it('copies the token in the format chosen from "Copy ▾", remembers it, and says "Copied ✓" on the button', async () => {
    localStorage.clear();
    const fake = await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Copy format: Token' }));
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'curl command' }));
    await screen.findByText(/Token copied\./);
    expect(screen.getByTestId('clipboard-countdown').textContent).toBe('The clipboard is cleared in 00:30');
    expect(screen.getByTestId('token-preview').textContent).toBe('eyJhbGci…x9Qw');
    await waitFor(() => expect(screen.getByTestId('copy-token').textContent).toBe('Copied ✓'));
    expect(fake.api.tokens.copy).toHaveBeenCalledTimes(1);
    expect(fake.api.tokens.copy).toHaveBeenCalledWith({ name: 'integration-0000', format: 'curl' });
    // the plain button now copies as curl, here and after the detail is opened again
    cleanup();
    const again = await openFirst();
    expect(screen.getByRole('button', { name: 'Copy format: curl command' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await waitFor(() => expect(again.api.tokens.copy).toHaveBeenCalledWith({ name: 'integration-0000', format: 'curl' }));
  });

  it('copies the selected token from the menu event', async () => {
    localStorage.clear();
    const fake = await openFirst();
    fireEvent.click(screen.getByRole('button', { name: 'Copy format: Token' }));
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'Environment variables' }));
    await waitFor(() => expect(fake.api.tokens.copy).toHaveBeenCalledTimes(1));
    act(() => fake.emit('menu:copySelectedToken', {}));
    await waitFor(() => expect(fake.api.tokens.copy).toHaveBeenCalledTimes(2));
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
    fireEvent.click(screen.getByRole('button', { name: /^Copy format:/ }));
    const names = screen.getAllByRole('menuitemradio').map((o) => o.textContent);
    expect(names).toEqual(['Token', 'Authorization header', 'curl command', 'Environment variables']);
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

const JWT = masked({
  name: 'AEM prod',
  kind: 'jwt',
  orgId: ORG,
  technicalAccountId: TECH,
  technicalAccountEmail: 'abc@techacct.adobe.com',
  metascopes: ['ent_aem_cloud_api'],
  keys: [{ id: 'k1', fingerprintSha256: 'AB:CD', bits: 2048, origin: 'generated', active: true, addedAt: '2026-01-01T00:00:00.000Z' }],
});

async function mount(detail: Masked, favorites: string[] = []) {
  const fake = createFormsFake({ details: [detail], favorites });
  const onChanged = vi.fn();
  render(<IntegrationDetail api={fake.full} name={detail.name} onChanged={onChanged} />);
  await screen.findByRole('heading', { name: detail.name });
  return { ...fake, onChanged };
}

describe('IntegrationDetail actions', () => {
  it.each([
    ['Copy client ID', 'clientId', 'Client ID copied.'],
    ['Copy organization ID', 'orgId', 'Organization ID copied.'],
    ['Copy technical account ID', 'technicalAccountId', 'Technical account ID copied.'],
    ['Copy technical account email', 'technicalAccountEmail', 'Technical account email copied.'],
  ])('%s asks the API to copy that field (secrets.copyField), with no clear countdown', async (button, field, status) => {
    const fake = await mount(JWT);
    fireEvent.click(screen.getByRole('button', { name: button }));
    await waitFor(() => expect(screen.getByRole('status').textContent?.trim()).toBe(status));
    expect(fake.api.secrets.copyField).toHaveBeenCalledTimes(1);
    expect(fake.api.secrets.copyField).toHaveBeenCalledWith({ name: 'AEM prod', field });
    expect(screen.queryByTestId('clipboard-countdown')).toBeNull();
  });

  it('offers copy buttons only for identifiers the integration has', async () => {
    await mount(masked({ name: 'Stock', kind: 'apiKey' }));
    expect(screen.getByRole('button', { name: 'Copy client ID' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copy organization ID' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy client secret' })).toBeNull();
  });

  it('shows a failed copy as an alert', async () => {
    const fake = await mount(JWT);
    fake.api.secrets.copyField.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: '"AEM prod" has no organization id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy organization ID' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"AEM prod" has no organization id');
  });

  it('toggles the favourite through the settings, by id', async () => {
    const fake = await mount(JWT, ['00000000-0000-4000-8000-0000000000aa']);
    const star = screen.getByRole('button', { name: 'Favourite' }) as HTMLButtonElement;
    // aria-pressed reads "false" while the favourites load too; a click is only heard once it is enabled.
    await waitFor(() => expect(star.disabled).toBe(false));
    expect(star.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(star);
    await waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('true'));
    expect(fake.api.settings.set).toHaveBeenLastCalledWith({ favorites: ['00000000-0000-4000-8000-0000000000aa', JWT.id] });
    expect(fake.settings().favorites).toContain(JWT.id);
    expect(fake.onChanged).toHaveBeenLastCalledWith({ name: 'AEM prod' });

    fireEvent.click(star);
    await waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('false'));
    expect(fake.settings().favorites).toEqual(['00000000-0000-4000-8000-0000000000aa']);
  });

  it('shows a favourite as pressed, and follows a change made elsewhere', async () => {
    const fake = await mount(JWT, [JWT.id]);
    const star = screen.getByRole('button', { name: 'Favourite' });
    await waitFor(() => expect(star.getAttribute('aria-pressed')).toBe('true'));
    act(() => fake.emit('settings:changed', { ...fake.settings(), favorites: [] }));
    expect(star.getAttribute('aria-pressed')).toBe('false');
  });

  it('deletes only after an inline confirmation that says the keys and the token go with it', async () => {
    const confirmSpy = vi.spyOn(window, 'confirm');
    const fake = await mount(JWT);
    chooseMore('Delete…');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “AEM prod”?' });
    expect(dialog.textContent).toMatch(/Its keypair \(private key and certificate\) and its cached access token will be deleted with it/);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.api.integrations.delete).not.toHaveBeenCalled();

    chooseMore('Delete…');
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(fake.onChanged).toHaveBeenCalledWith(null));
    expect(fake.api.integrations.delete).toHaveBeenCalledWith({ name: 'AEM prod' });
    expect(screen.getByRole('status').textContent).toBe('Deleted “AEM prod”.');
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('does not mention keys or a token for an API key', async () => {
    await mount(masked({ name: 'Stock', kind: 'apiKey' }));
    chooseMore('Delete…');
    expect(screen.getByRole('alertdialog').textContent).not.toMatch(/keypair|token/);
  });

  it('keeps the view and says why when a delete fails', async () => {
    const fake = await mount(JWT);
    fake.api.integrations.delete.mockResolvedValueOnce({ ok: false, error: { code: 'vault_locked', message: 'The vault is locked: unlock it first' } });
    chooseMore('Delete…');
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The vault is locked: unlock it first');
    expect(fake.onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'AEM prod' })).toBeTruthy();
  });

  it('keeps Duplicate and Delete… in a "More" menu, Delete set apart as destructive, usable from the keyboard', async () => {
    const fake = await mount(JWT);
    expect(screen.queryByRole('button', { name: 'Delete…' })).toBeNull();
    const more = screen.getByRole('button', { name: 'More actions' });
    expect(more.getAttribute('aria-haspopup')).toBe('menu');
    fireEvent.keyDown(more, { key: 'ArrowDown' });
    const menu = await screen.findByRole('menu', { name: 'More actions' });
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const items = within(menu).getAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['Duplicate', 'Delete…']);
    expect(items[1]!.className).toContain('menu-destructive');
    expect(items[0]!.className).not.toContain('menu-destructive');
    await waitFor(() => expect(document.activeElement).toBe(items[0]));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(more);

    fireEvent.click(more);
    fireEvent.keyDown(await screen.findByRole('menuitem', { name: 'Delete…' }), { key: 'Enter' });
    expect(screen.getByRole('alertdialog', { name: 'Delete “AEM prod”?' })).toBeTruthy();
    expect(fake.api.integrations.delete).not.toHaveBeenCalled();
  });

  it('closes the menu on a click elsewhere', async () => {
    await mount(JWT);
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getByRole('menu')).toBeTruthy();
    fireEvent.mouseDown(screen.getByRole('heading', { name: 'AEM prod' }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('sets a description in the body type and values in monospace', async () => {
    await mount(masked({ name: 'Described', kind: 'oauthS2S', description: 'For the nightly\nreport job', scopes: ['openid'] }));
    const description = screen.getByText(/For the nightly/);
    expect(description.tagName).toBe('SPAN');
    expect(description.closest('code')).toBeNull();
    expect(description.className).toBe('prose');
    expect(screen.getByText('client0abc').tagName).toBe('CODE');
  });

  it('duplicates and reports the copy by name', async () => {
    const fake = await mount(JWT);
    chooseMore('Duplicate');
    await waitFor(() => expect(fake.onChanged).toHaveBeenCalledWith({ name: 'AEM prod (copy)' }));
    expect(fake.api.integrations.duplicate).toHaveBeenCalledWith({ name: 'AEM prod' });
  });

  it.each([
    ['jwt', true, JWT],
    ['oauth2 with private_key_jwt', true, masked({ name: 'Okta', kind: 'oauth2', tokenUrl: 'https://a.example/t', authMethod: 'private_key_jwt', clientSecrets: [] })],
    ['oauth2 with a client secret', false, masked({ name: 'Okta', kind: 'oauth2', tokenUrl: 'https://a.example/t', authMethod: 'client_secret_post' })],
    ['oauthS2S', false, masked({ name: 'CM', kind: 'oauthS2S', scopes: ['openid'] })],
    ['apiKey', false, masked({ name: 'Stock', kind: 'apiKey' })],
  ])('%s: keypair panel shown = %s', async (_label, shown, detail) => {
    await mount(detail);
    expect(screen.queryByTestId('keypair-panel')?.textContent ?? null).toBe(shown ? detail.name : null);
  });
});
