// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrationFieldsSchema } from '../../electron/shared/integration';
import { KIND_FIELDS } from '../../renderer/src/forms/field-specs';
import { NewIntegration } from '../../renderer/src/forms/NewIntegration';
import { createFormsFake, ORG, TECH } from './fake-forms';

afterEach(cleanup);

function mount() {
  const fake = createFormsFake();
  const onCreated = vi.fn();
  const onCancel = vi.fn();
  render(<NewIntegration api={fake.full} onCreated={onCreated} onCancel={onCancel} />);
  return { ...fake, onCreated, onCancel };
}

function choose(kind: string) {
  fireEvent.click(screen.getByRole('radio', { name: kind }));
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } });

/** The text of the elements aria-describedby points at: where a message must be to be read out. */
function description(el: HTMLElement): string {
  const ids = el.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create integration' }));

function fillS2S() {
  type('Name', 'Cloud Manager');
  type('Client ID', '1a2b3c');
  type('Client secret', 'p8e-secret-value');
  type('Scopes', 'openid, AdobeID read_organizations,,');
}

describe('NewIntegration', () => {
  it('offers the six kinds and shows no fields until one is chosen', () => {
    mount();
    expect(screen.getAllByRole('radio')).toHaveLength(6);
    for (const kind of ['API key', 'OAuth Server-to-Server', 'Service Account (JWT)', 'OAuth 2.0 client credentials', 'OAuth user sign-in (Adobe)', 'OAuth 2.0 user sign-in']) {
      expect(screen.getByRole('radio', { name: kind })).toBeTruthy();
    }
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create integration' })).toBeNull();
  });

  it.each([
    ['API key', ['Name', 'Client ID'], ['Organization ID', 'Description'], ['Client secret', 'Scopes', 'Token URL']],
    ['OAuth Server-to-Server', ['Name', 'Client ID', 'Client secret', 'Scopes'], ['Organization ID', 'Technical account ID', 'IMS endpoint'], ['Metascopes', 'Token URL']],
    [
      'Service Account (JWT)',
      ['Name', 'Client ID', 'Client secret', 'Organization ID', 'Technical account ID', 'Metascopes'],
      ['Technical account email', 'IMS endpoint', 'Refresh margin (minutes)'],
      ['Scopes', 'Token URL'],
    ],
    ['OAuth 2.0 client credentials', ['Name', 'Client ID', 'Token URL'], ['Auth method', 'Client secret', 'Scopes', 'Audience'], ['Organization ID', 'IMS endpoint']],
  ])('%s: has its required and optional fields and none of another kind', (kind, required, optional, absent) => {
    mount();
    choose(kind);
    for (const label of required) expect(input(label).getAttribute('aria-required'), label).toBe('true');
    for (const label of optional) expect(input(label).getAttribute('aria-required'), label).toBeNull();
    for (const label of absent) expect(screen.queryByLabelText(label), label).toBeNull();
  });

  it('has an input for every field of the model, for every kind (kind and autoRefresh aside)', () => {
    for (const option of IntegrationFieldsSchema.options) {
      const kind = option.shape.kind.value;
      const modelKeys = Object.keys(option.shape).filter((k) => k !== 'kind' && k !== 'autoRefresh');
      expect([...KIND_FIELDS[kind]].sort(), kind).toEqual(modelKeys.sort());
    }
  });

  it('takes the client secret in a password input', () => {
    mount();
    choose('OAuth Server-to-Server');
    expect(input('Client secret').type).toBe('password');
  });

  it('shows a message next to the field as you type, and clears it when fixed', () => {
    mount();
    choose('Service Account (JWT)');
    const org = input('Organization ID');
    expect(org.getAttribute('aria-invalid')).toBeNull();

    type('Organization ID', '12345');
    expect(org.getAttribute('aria-invalid')).toBe('true');
    expect(description(org)).toMatch(/Org id must look like 12345678ABCDEF0123456789@AdobeOrg/);

    type('Organization ID', ORG);
    expect(org.getAttribute('aria-invalid')).toBeNull();
    expect(description(org)).not.toMatch(/must look like/);
  });

  it('does not flag fields the user has not reached yet', () => {
    mount();
    choose('Service Account (JWT)');
    type('Name', 'AEM prod');
    expect(input('Name').getAttribute('aria-invalid')).toBeNull();
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });

  it('says a required field is missing once it is left empty', () => {
    mount();
    choose('OAuth 2.0 client credentials');
    fireEvent.blur(input('Token URL'));
    expect(description(input('Token URL'))).toMatch(/OAuth 2.0 client credentials integrations need a token URL/);
  });

  it('blocks submit while invalid, shows every message and focuses the first invalid field', () => {
    const fake = mount();
    choose('Service Account (JWT)');
    type('Name', 'AEM prod');
    submit();
    expect(fake.api.integrations.create).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input('Client ID'));
    expect(description(input('Client ID'))).toMatch(/need a client id/);
    expect(description(input('Organization ID'))).toMatch(/need an org id/);
    expect(description(input('Technical account ID'))).toMatch(/need a technical account id/);
    expect(description(input('Metascopes'))).toMatch(/at least one metascope/);
    expect(description(input('Client secret'))).toMatch(/needs a client secret/);
  });

  it('uses the same refine as main: oauth2 needs a secret unless it signs with a key', () => {
    const fake = mount();
    choose('OAuth 2.0 client credentials');
    type('Name', 'Okta');
    type('Client ID', 'abc');
    type('Token URL', 'https://example.okta.com/oauth2/v1/token');
    submit();
    expect(fake.api.integrations.create).not.toHaveBeenCalled();
    expect(description(input('Client secret'))).toMatch(/client secret is required unless the auth method is private_key_jwt/);

    fireEvent.change(input('Auth method'), { target: { value: 'private_key_jwt' } });
    expect(input('Client secret').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText(/After saving, generate or import a keypair in the Keys section/)).toBeTruthy();
  });

  it('creates with the typed fields: scopes split, secret once, settings defaults left to main', async () => {
    const fake = mount();
    choose('OAuth Server-to-Server');
    fillS2S();
    submit();
    await waitFor(() => expect(fake.onCreated).toHaveBeenCalledWith('Cloud Manager'));
    expect(fake.api.integrations.create).toHaveBeenCalledTimes(1);
    const { fields } = fake.api.integrations.create.mock.calls[0]![0];
    expect(fields).toEqual({
      kind: 'oauthS2S',
      name: 'Cloud Manager',
      clientId: '1a2b3c',
      clientSecrets: ['p8e-secret-value'],
      scopes: ['openid', 'AdobeID', 'read_organizations'],
    });
    expect(fields).not.toHaveProperty('imsEndpoint');
    expect(fields).not.toHaveProperty('refreshMarginMinutes');
  });

  it('sends a JWT integration with its required fields and says a keypair comes next', async () => {
    const fake = mount();
    choose('Service Account (JWT)');
    expect(screen.getByText(/After saving, generate or import a keypair in the Keys section/)).toBeTruthy();
    type('Name', 'AEM prod');
    type('Client ID', 'cid');
    type('Client secret', 's3cret');
    type('Organization ID', ORG);
    type('Technical account ID', TECH);
    type('Metascopes', 'ent_aem_cloud_api');
    type('Refresh margin (minutes)', '15');
    submit();
    await waitFor(() => expect(fake.onCreated).toHaveBeenCalledWith('AEM prod'));
    expect(fake.api.integrations.create.mock.calls[0]![0].fields).toMatchObject({
      kind: 'jwt',
      orgId: ORG,
      technicalAccountId: TECH,
      metascopes: ['ent_aem_cloud_api'],
      refreshMarginMinutes: 15,
    });
  });

  it('checks the refresh margin with the model: a number of minutes within bounds', () => {
    mount();
    choose('OAuth Server-to-Server');
    type('Refresh margin (minutes)', 'soon');
    expect(description(input('Refresh margin (minutes)'))).toMatch(/refresh margin must be a number of minutes/i);
    type('Refresh margin (minutes)', '5000');
    expect(description(input('Refresh margin (minutes)'))).toMatch(/between 0 and 1440 minutes/);
    type('Refresh margin (minutes)', '');
    expect(input('Refresh margin (minutes)').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a field error from main next to that field, until the field is edited', async () => {
    const fake = mount();
    fake.api.integrations.create.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: 'org id must look like 12345678ABCDEF0123456789@AdobeOrg', field: 'fields.orgId' },
    });
    choose('OAuth Server-to-Server');
    fillS2S();
    submit();
    const org = input('Organization ID');
    await waitFor(() => expect(org.getAttribute('aria-invalid')).toBe('true'));
    expect(description(org)).toMatch(/Org id must look like/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.onCreated).not.toHaveBeenCalled();

    type('Organization ID', ORG);
    expect(org.getAttribute('aria-invalid')).toBeNull();
  });

  it('puts a name clash next to the name, and any other failure in an alert', async () => {
    const fake = mount();
    fake.api.integrations.create
      .mockResolvedValueOnce({ ok: false, error: { code: 'already_exists', message: 'An integration named "Cloud Manager" already exists' } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'vault_locked', message: 'The vault is locked: unlock it first' } });
    choose('OAuth Server-to-Server');
    fillS2S();
    submit();
    await waitFor(() => expect(description(input('Name'))).toMatch(/already exists/));

    type('Name', 'Cloud Manager 2');
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The vault is locked: unlock it first');
    expect(fake.onCreated).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the kind changes', () => {
    mount();
    choose('OAuth Server-to-Server');
    type('Name', 'Keep me');
    choose('API key');
    expect(input('Name').value).toBe('Keep me');
    expect(screen.queryByLabelText('Client secret')).toBeNull();
  });

  it('cancels', () => {
    const fake = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    choose('API key');
    fireEvent.click(within(screen.getByRole('form', { name: 'Integration fields' })).getByRole('button', { name: 'Cancel' }));
    expect(fake.onCancel).toHaveBeenCalledTimes(2);
  });
});
