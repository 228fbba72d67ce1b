// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrationDetail } from '../../renderer/src/IntegrationDetail';
import { MASKED_SECRET } from './fake-api';
import { createFormsFake, masked, ORG, TECH, type Masked } from './fake-forms';

// The keypair panel is another component's business (and its own tests'); here it only has to be there.
vi.mock('../../renderer/src/keys/KeypairPanel', () => ({
  KeypairPanel: ({ name }: { name: string }) => <div data-testid="keypair-panel">{name}</div>,
}));

afterEach(cleanup);

const S2S = masked({
  name: 'Cloud Manager',
  kind: 'oauthS2S',
  orgId: ORG,
  technicalAccountId: TECH,
  scopes: ['openid', 'AdobeID'],
  imsEndpoint: 'https://ims-na1.adobelogin.com',
  refreshMarginMinutes: 10,
  description: 'CM pipeline',
});

async function mount(detail: Masked = S2S) {
  const fake = createFormsFake({ details: [detail] });
  const onChanged = vi.fn();
  render(<IntegrationDetail api={fake.full} name={detail.name} onChanged={onChanged} />);
  await screen.findByRole('heading', { name: detail.name });
  return { ...fake, onChanged };
}

const form = () => screen.getByRole('form', { name: /^Edit / });
const input = (label: string) => within(form()).getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = () => fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));

function description(el: HTMLElement): string {
  const ids = el.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

function startEdit() {
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
}

describe('editing an integration in place', () => {
  it('turns the fields into inputs holding the current values; the secret input starts empty', async () => {
    await mount();
    startEdit();
    expect(input('Name').value).toBe('Cloud Manager');
    expect(input('Organization ID').value).toBe(ORG);
    expect(input('Scopes').value).toBe('openid, AdobeID');
    expect(input('Refresh margin (minutes)').value).toBe('10');
    const secret = input('Replace client secret');
    expect(secret.type).toBe('password');
    expect(secret.value).toBe('');
    expect(description(secret)).toMatch(/Leave empty to keep the stored secret/);
    for (const el of form().querySelectorAll('input, textarea')) expect((el as HTMLInputElement).value).not.toContain('•');
    expect(document.activeElement).toBe(input('Name'));
  });

  it('sends only the changed fields, null for a cleared one', async () => {
    const fake = await mount();
    startEdit();
    type('Description', 'CM pipeline, prod');
    type('Organization ID', '');
    type('Scopes', 'openid,AdobeID'); // the same list, typed differently: not a change
    save();
    await waitFor(() => expect(fake.api.integrations.update).toHaveBeenCalledTimes(1));
    expect(fake.api.integrations.update).toHaveBeenCalledWith({
      name: 'Cloud Manager',
      patch: { description: 'CM pipeline, prod', orgId: null },
    });
    // Back to the view, showing what main answered.
    await screen.findByText('CM pipeline, prod');
    expect(screen.queryByRole('form', { name: /^Edit / })).toBeNull();
    expect(screen.queryByText(ORG)).toBeNull();
    expect(fake.onChanged).toHaveBeenCalledWith({ name: 'Cloud Manager' });
  });

  it('replaces the client secret only when one is typed, and never shows the stored one', async () => {
    const fake = await mount();
    startEdit();
    type('Replace client secret', 'n3w-secret');
    save();
    await waitFor(() => expect(fake.api.integrations.update).toHaveBeenCalledTimes(1));
    expect(fake.api.integrations.update.mock.calls[0]![0].patch).toEqual({ clientSecrets: ['n3w-secret'] });
    expect((await screen.findByTestId('client-secret')).textContent).toBe(MASKED_SECRET);
  });

  it('reports a rename with the new name', async () => {
    const fake = await mount();
    startEdit();
    type('Name', 'Cloud Manager prod');
    save();
    await waitFor(() => expect(fake.onChanged).toHaveBeenCalledWith({ name: 'Cloud Manager prod' }));
    expect(fake.api.integrations.update.mock.calls[0]![0]).toEqual({ name: 'Cloud Manager', patch: { name: 'Cloud Manager prod' } });
  });

  it('validates as you type and blocks the save while invalid', async () => {
    const fake = await mount();
    startEdit();
    type('Client ID', 'has space');
    expect(input('Client ID').getAttribute('aria-invalid')).toBe('true');
    expect(description(input('Client ID'))).toMatch(/Client id must not contain spaces/);
    type('Scopes', '');
    expect(description(input('Scopes'))).toMatch(/at least one scope/);
    save();
    expect(fake.api.integrations.update).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input('Client ID'));

    type('Client ID', 'fixed');
    expect(input('Client ID').getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses to clear a field the kind requires, in the model words', async () => {
    const jwt = masked({ name: 'AEM prod', kind: 'jwt', orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'] });
    const fake = await mount(jwt);
    startEdit();
    type('Organization ID', '');
    expect(description(input('Organization ID'))).toMatch(/Service Account \(JWT\) integrations need an org id/);
    save();
    expect(fake.api.integrations.update).not.toHaveBeenCalled();
  });

  it('Escape and Cancel restore the view without saving', async () => {
    const fake = await mount();
    startEdit();
    type('Description', 'something else');
    fireEvent.keyDown(input('Description'), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: /^Edit / })).toBeNull();
    expect(screen.getByText('CM pipeline')).toBeTruthy();

    startEdit();
    expect(input('Description').value).toBe('CM pipeline');
    type('Description', 'again');
    fireEvent.click(within(form()).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByText('CM pipeline')).toBeTruthy();
    expect(fake.api.integrations.update).not.toHaveBeenCalled();
  });

  it('closes without a call when nothing changed', async () => {
    const fake = await mount();
    startEdit();
    save();
    expect(screen.queryByRole('form', { name: /^Edit / })).toBeNull();
    expect(fake.api.integrations.update).not.toHaveBeenCalled();
  });

  it('shows a field error from main next to the field', async () => {
    const fake = await mount();
    fake.api.integrations.update.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: 'technical account id must look like 0A1B2C3D4E5F@techacct.adobe.com', field: 'technicalAccountId' },
    });
    startEdit();
    type('Technical account ID', 'X@techacct.adobe.com');
    save();
    await waitFor(() => expect(description(input('Technical account ID'))).toMatch(/Technical account id must look like/));
    expect(input('Technical account ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens on Ctrl+E or Cmd+E (said in the Edit button tooltip), but not while typing elsewhere', async () => {
    await mount();
    expect(screen.getByRole('button', { name: 'Edit' }).getAttribute('title')).toMatch(/Ctrl\+E/);

    // e.g. the list's search box: Ctrl+E there is the text field's, not ours.
    const search = document.body.appendChild(document.createElement('input'));
    search.focus();
    fireEvent.keyDown(search, { key: 'e', ctrlKey: true });
    expect(screen.queryByRole('form', { name: /^Edit / })).toBeNull();
    search.remove();

    fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
    expect(screen.getByRole('form', { name: /^Edit / })).toBeTruthy();
    fireEvent.keyDown(input('Name'), { key: 'Escape' });

    const copy = screen.getByRole('button', { name: 'Copy client ID' });
    copy.focus();
    fireEvent.keyDown(copy, { key: 'E', metaKey: true });
    expect(screen.getByRole('form', { name: /^Edit / })).toBeTruthy();
  });

  it('edits an oauth2 auth method, and the keypair panel follows it', async () => {
    const oauth2 = masked({ name: 'Okta', kind: 'oauth2', tokenUrl: 'https://example.okta.com/oauth2/v1/token', authMethod: 'client_secret_basic', scopes: [] });
    const fake = await mount(oauth2);
    expect(screen.queryByTestId('keypair-panel')).toBeNull();
    startEdit();
    fireEvent.change(input('Auth method'), { target: { value: 'private_key_jwt' } });
    save();
    await waitFor(() => expect(fake.api.integrations.update).toHaveBeenCalledWith({ name: 'Okta', patch: { authMethod: 'private_key_jwt' } }));
    expect((await screen.findByTestId('keypair-panel')).textContent).toBe('Okta');
  });
});
