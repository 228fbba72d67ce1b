/**
 * An integration as an aio CLI IMS context (`ims.contexts.<name>` in ~/.config/aio, .aio, or the
 * AIO_IMS_CONTEXTS_* variables of a .env), with exactly the fields Adobe's clients read:
 *
 * - OAuth Server-to-Server, adobe/aio-lib-ims-oauth src/ims-oauth_server_to_server.js, whose
 *   required keys are client_id, client_secrets, technical_account_email, technical_account_id,
 *   scopes, ims_org_id; it sends client_secrets[0]. (adobe/aio-cli-plugin-cloudmanager checks the same list.)
 * - Service Account (JWT), adobe/aio-lib-ims-jwt src/ims-jwt.js, whose required keys are client_id,
 *   client_secret, technical_account_id, meta_scopes, ims_org_id, private_key (a PEM string is one
 *   of the accepted forms, src/helpers.js); technical_account_email is kept as the Console's `jwt` block has it.
 * - API key: `{ client_id }`, as adobe/aio-cli-plugin-app (src/lib/import-helper.js) writes an
 *   api_key credential.
 * - `env: 'stage'` when the integration uses stage IMS: aio-lib-ims picks its host from `env`
 *   (`new Ims(config.env)`), prod otherwise.
 *
 * Generic OAuth 2.0 has no aio context: aio only talks to Adobe IMS.
 */
import { KeysmithError } from '../../errors';
import type { Integration } from '../../../shared/integration';
import { activeKey, activeSecret } from './export-parts';
import { INCLUDE_SECRETS_HINT } from './export-types';

const STAGE_IMS = 'https://ims-na1-stg1.adobelogin.com';

export type AioValue = string | string[];

export interface AioField {
  field: string;
  /** undefined: a secret left out (not asked for, or the integration has none), for the reason given */
  value: AioValue | undefined;
  secret: boolean;
  reason?: string;
}

export interface AioContext {
  /** in the order written */
  fields: AioField[];
  containsSecrets: boolean;
}

/** The fields that hold something, as the context object aio reads. */
export function presentFields(context: AioContext): Record<string, AioValue> {
  return Object.fromEntries(context.fields.flatMap((f) => (f.value === undefined ? [] : [[f.field, f.value]])));
}

export function aioContext(integration: Integration, includeSecrets: boolean): AioContext {
  const fields: AioField[] = [];
  const put = (field: string, value: AioValue | undefined) => {
    if (value !== undefined) fields.push({ field, value, secret: false });
  };
  const putSecret = (field: string, value: AioValue | undefined, missing: string) => {
    if (!includeSecrets) fields.push({ field, value: undefined, secret: true, reason: INCLUDE_SECRETS_HINT });
    else fields.push({ field, value, secret: true, ...(value === undefined && { reason: missing }) });
  };
  const secret = activeSecret(integration);

  switch (integration.kind) {
    case 'apiKey':
      put('client_id', integration.clientId);
      break;
    case 'oauthS2S':
      put('client_id', integration.clientId);
      putSecret('client_secrets', secret === undefined ? undefined : [secret], 'no client secret in Keysmith');
      put('technical_account_id', integration.technicalAccountId);
      put('technical_account_email', integration.technicalAccountEmail);
      put('ims_org_id', integration.orgId);
      put('scopes', integration.scopes);
      break;
    case 'jwt':
      put('client_id', integration.clientId);
      putSecret('client_secret', secret, 'no client secret in Keysmith');
      put('technical_account_id', integration.technicalAccountId);
      put('technical_account_email', integration.technicalAccountEmail);
      put('ims_org_id', integration.orgId);
      put('meta_scopes', integration.metascopes);
      putSecret('private_key', activeKey(integration)?.privateKeyPem, `no key pair yet: create one with keysmith keygen "${integration.name}"`);
      break;
    case 'oauth2':
      throw new KeysmithError(
        'invalid_input',
        `"${integration.name}" is a generic OAuth 2.0 integration, and the aio CLI only knows Adobe IMS contexts: use --format env, postman or curl`,
        { field: 'format' },
      );
  }
  if ('imsEndpoint' in integration && integration.imsEndpoint === STAGE_IMS) put('env', 'stage');
  return { fields, containsSecrets: fields.some((f) => f.secret && f.value !== undefined) };
}
