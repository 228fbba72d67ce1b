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
 *   (`new Ims(config.env)`), prod otherwise. It has no other endpoint setting, so an IMS that is
 *   neither is written as `ims_endpoint` (which Keysmith reads back and aio ignores) with a warning
 *   that aio will talk to prod.
 *
 * `missing` lists what aio-lib-ims requires of the context and the integration lacks: the aio export
 * refuses it (aio-lib-ims would refuse it later, with less to go on), the .env export warns.
 *
 * Generic OAuth 2.0 has no aio context: aio only talks to Adobe IMS.
 */
import { KeysmithError } from '../../errors';
import type { Integration } from '../../../shared/integration';
import { DEFAULT_IMS_ENDPOINT, KIND_LABELS } from '../../../shared/integration-kinds';
import { fieldWord, type FieldName } from '../../../shared/fields';
import { activeKey, activeSecret } from './export-parts';
import { INCLUDE_SECRETS_HINT, NO_KEY_PAIR_YET } from './export-types';

const STAGE_IMS = 'https://ims-na1-stg1.adobelogin.com';

/** What aio-lib-ims's plugins require of a context (ims-oauth_server_to_server.js, ims-jwt.js). */
export const AIO_REQUIRED: Record<'oauthS2S' | 'jwt', readonly string[]> = {
  oauthS2S: ['client_id', 'client_secrets', 'technical_account_email', 'technical_account_id', 'scopes', 'ims_org_id'],
  jwt: ['client_id', 'client_secret', 'technical_account_id', 'meta_scopes', 'ims_org_id', 'private_key'],
};

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
  /** required by aio-lib-ims and absent, not counting secrets left out on purpose */
  missing: string[];
  /** things aio will do differently from Keysmith; never a secret */
  warnings: string[];
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
      // aio app use writes client_id alone; the org rides along for the x-gw-ims-org-id header.
      put('ims_org_id', integration.orgId);
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
      putSecret('private_key', activeKey(integration)?.privateKeyPem, NO_KEY_PAIR_YET);
      break;
    case 'oauth2':
      throw new KeysmithError(
        'invalid_input',
        `"${integration.name}" is a generic OAuth 2.0 integration, and the aio CLI only knows Adobe IMS contexts: use --format env, postman or curl`,
        { field: 'format' },
      );
    case 'oauthUser':
    case 'oauth2User':
      // exportIntegration refuses these first; here for the type's sake, in the same words.
      throw new KeysmithError('invalid_input', `"${integration.name}" is a user sign-in integration: no other tool's file can carry the sign-in`, {
        field: 'format',
        integration: integration.name,
      });
  }
  const warnings: string[] = [];
  if ('imsEndpoint' in integration && integration.imsEndpoint === STAGE_IMS) put('env', 'stage');
  else if ('imsEndpoint' in integration && integration.imsEndpoint !== DEFAULT_IMS_ENDPOINT) {
    put('ims_endpoint', integration.imsEndpoint);
    warnings.push(
      `aio picks its IMS from the context's env, prod or stage only: it will mint at ${DEFAULT_IMS_ENDPOINT}, not ${integration.imsEndpoint} (kept as ims_endpoint for Keysmith)`,
    );
  }
  const required = integration.kind === 'apiKey' ? ['client_id'] : AIO_REQUIRED[integration.kind];
  const missing = required.filter((name) => !fields.some((f) => f.field === name && (f.value !== undefined || f.reason === INCLUDE_SECRETS_HINT)));
  const unsent = fields.filter((f) => f.reason === INCLUDE_SECRETS_HINT).map((f) => f.field);
  if (unsent.length > 0) {
    warnings.push(`aio-lib-ims will refuse this context until it has ${unsent.join(' and ')}, left out because secrets are exported only when asked for`);
  }
  return { fields, containsSecrets: fields.some((f) => f.secret && f.value !== undefined), missing, warnings };
}

/** Each aio field as the model names it, for messages. */
const MODEL_FIELD: Record<string, FieldName | 'private key'> = {
  client_id: 'clientId',
  client_secret: 'clientSecrets',
  client_secrets: 'clientSecrets',
  technical_account_id: 'technicalAccountId',
  technical_account_email: 'technicalAccountEmail',
  ims_org_id: 'orgId',
  scopes: 'scopes',
  meta_scopes: 'metascopes',
  private_key: 'private key',
};

/**
 * Refuses a context aio-lib-ims would refuse: "MISSING_PROPERTIES technical_account_email" from aio,
 * at the moment a token is needed, is worse than a sentence now.
 */
export function assertAioUsable(integration: Integration, context: AioContext): void {
  if (context.missing.length === 0) return;
  const words = context.missing.map((f) => {
    const model = MODEL_FIELD[f];
    return model === undefined || model === 'private key' ? (model ?? f) : fieldWord(model);
  });
  const onlyKey = context.missing.every((f) => f === 'private_key');
  const onlySecret = context.missing.every((f) => f === 'client_secret' || f === 'client_secrets');
  const first = MODEL_FIELD[context.missing[0]!];
  throw new KeysmithError(
    'invalid_input',
    `"${integration.name}" lacks ${[...new Set(words)].join(', ')}, which aio-lib-ims requires of a ${KIND_LABELS[integration.kind]} context (${context.missing.join(', ')}): aio would refuse this export`,
    {
      integration: integration.name,
      action: onlyKey ? 'generate_key' : onlySecret ? 'replace_secret' : 'edit',
      ...(first !== undefined && first !== 'private key' && { field: first }),
    },
  );
}
