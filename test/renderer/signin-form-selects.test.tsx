// @vitest-environment jsdom
/**
 * The sign-in kinds' app type and grant are selects of the model's values, labelled from shared/
 * (integration-kinds.ts), starting on the model's default, and what is chosen is what is sent.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIELD_LABELS } from '../../electron/shared/fields';
import { ADOBE_APP_TYPE_LABELS, ADOBE_APP_TYPES, AUTH_METHOD_LABELS, AUTH_METHODS, USER_AUTH_METHODS, USER_GRANT_LABELS, USER_GRANTS } from '../../electron/shared/integration-kinds';
import { IntegrationFieldsSchema } from '../../electron/shared/integration';
import { NewIntegration } from '../../renderer/src/forms/NewIntegration';
import { createFormsFake } from './fake-forms';

afterEach(cleanup);

function mount(kind: string) {
  const fake = createFormsFake();
  const onCreated = vi.fn();
  render(<NewIntegration api={fake.full} onCreated={onCreated} onCancel={() => undefined} />);
  fireEvent.click(screen.getByRole('radio', { name: kind }));
  return { ...fake, onCreated };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const select = (label: string) => screen.getByRole('combobox', { name: label }) as HTMLSelectElement;
const options = (el: HTMLSelectElement) => within(el).getAllByRole('option').map((o) => [(o as HTMLOptionElement).value, o.textContent]);

describe('sign-in form selects', () => {
  it('Adobe: App type offers the three app types with their shared labels, on the model default', () => {
    mount('OAuth user sign-in (Adobe)');
    const appType = select(FIELD_LABELS.appType);
    expect(options(appType)).toEqual(ADOBE_APP_TYPES.map((t) => [t, ADOBE_APP_TYPE_LABELS[t]]));
    const modelDefault = IntegrationFieldsSchema.parse({ kind: 'oauthUser', name: 'n', clientId: 'c' }) as { appType: string };
    expect(appType.value).toBe(modelDefault.appType);
  });

  it('Adobe: a Web App chosen is sent as "web", with its secret', async () => {
    const fake = mount('OAuth user sign-in (Adobe)');
    type(FIELD_LABELS.name, 'Person');
    type(FIELD_LABELS.clientId, 'web-client');
    fireEvent.change(select(FIELD_LABELS.appType), { target: { value: 'web' } });
    type(FIELD_LABELS.redirectUri, 'https://localhost:9443/callback');
    type('Client secret', 'web-secret');
    fireEvent.click(screen.getByRole('button', { name: 'Create integration' }));
    await waitFor(() => expect(fake.onCreated).toHaveBeenCalledWith('Person'));
    expect(fake.api.integrations.create.mock.calls[0]![0].fields).toMatchObject({ kind: 'oauthUser', appType: 'web', clientSecrets: ['web-secret'] });
  });

  it('any provider: Grant offers the two grants with their shared labels; device code is sent as chosen', async () => {
    const fake = mount('OAuth 2.0 user sign-in');
    const grant = select(FIELD_LABELS.grant);
    expect(options(grant)).toEqual(USER_GRANTS.map((g) => [g, USER_GRANT_LABELS[g]]));
    expect(grant.value).toBe('authorization_code');
    type(FIELD_LABELS.name, 'Okta me');
    type(FIELD_LABELS.clientId, 'public-app');
    type(FIELD_LABELS.issuer, 'https://id.example.com');
    fireEvent.change(grant, { target: { value: 'device_code' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create integration' }));
    await waitFor(() => expect(fake.onCreated).toHaveBeenCalledWith('Okta me'));
    expect(fake.api.integrations.create.mock.calls[0]![0].fields).toMatchObject({ kind: 'oauth2User', grant: 'device_code' });
  });

  it('any provider: Auth method offers only what a user client can use (no private_key_jwt); machine OAuth 2.0 offers all', () => {
    mount('OAuth 2.0 user sign-in');
    expect(options(select(FIELD_LABELS.authMethod))).toEqual(USER_AUTH_METHODS.map((m) => [m, AUTH_METHOD_LABELS[m]]));
    cleanup();
    mount('OAuth 2.0 client credentials');
    expect(options(select(FIELD_LABELS.authMethod))).toEqual(AUTH_METHODS.map((m) => [m, AUTH_METHOD_LABELS[m]]));
  });
});
