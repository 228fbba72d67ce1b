/**
 * The flags of `add` and `edit`, each bound to one field of the integration model, so a validation
 * error on a field can name the flag the user typed.
 */
import { KeysmithError, isKeysmithError, restated } from '../core/errors';
import type { IntegrationKind } from '../shared/integration-kinds';
import type { OptionSpec } from './parse-args';
import { parseConsoleUrl } from '../shared/secret-rotation';

interface FlagBinding {
  field: string;
  parse?: 'list' | 'number' | 'onOff' | 'consoleUrl';
}

const FLAG_FIELDS: Record<string, FlagBinding> = {
  name: { field: 'name' },
  description: { field: 'description' },
  'client-id': { field: 'clientId' },
  'org-id': { field: 'orgId' },
  'technical-account-id': { field: 'technicalAccountId' },
  'technical-account-email': { field: 'technicalAccountEmail' },
  scopes: { field: 'scopes', parse: 'list' },
  metascopes: { field: 'metascopes', parse: 'list' },
  'ims-endpoint': { field: 'imsEndpoint' },
  'token-url': { field: 'tokenUrl' },
  'auth-method': { field: 'authMethod' },
  audience: { field: 'audience' },
  'refresh-margin': { field: 'refreshMarginMinutes', parse: 'number' },
  'auto-refresh': { field: 'autoRefresh', parse: 'onOff' },
  'app-type': { field: 'appType' },
  grant: { field: 'grant' },
  'redirect-uri': { field: 'redirectUri' },
  issuer: { field: 'issuer' },
  'authorize-url': { field: 'authorizeUrl' },
  'device-url': { field: 'deviceUrl' },
  'revocation-url': { field: 'revocationUrl' },
  'userinfo-url': { field: 'userinfoUrl' },
  'jwks-url': { field: 'jwksUrl' },
  'console-org-id': { field: 'consoleOrgId' },
  'credential-id': { field: 'credentialId' },
  'console-api': { field: 'consoleApi' },
  // Sets both ids above; listed after them, so an error on either names its own flag.
  'console-url': { field: 'consoleOrgId', parse: 'consoleUrl' },
};

const CONSOLE_FLAGS = ['console-org-id', 'credential-id', 'console-api', 'console-url'];

const TOKEN_FLAGS = ['refresh-margin', 'auto-refresh'];

/** Which flags make sense for which kind; others are refused rather than silently dropped. */
const KIND_FLAGS: Record<IntegrationKind, string[]> = {
  apiKey: ['name', 'description', 'client-id', 'org-id'],
  oauthS2S: ['name', 'description', 'client-id', 'org-id', 'technical-account-id', 'technical-account-email', 'scopes', 'ims-endpoint', ...TOKEN_FLAGS, ...CONSOLE_FLAGS],
  jwt: ['name', 'description', 'client-id', 'org-id', 'technical-account-id', 'technical-account-email', 'metascopes', 'ims-endpoint', ...TOKEN_FLAGS],
  oauth2: ['name', 'description', 'client-id', 'token-url', 'auth-method', 'scopes', 'audience', ...TOKEN_FLAGS],
  oauthUser: ['name', 'description', 'client-id', 'app-type', 'scopes', 'redirect-uri', 'org-id', 'ims-endpoint', ...TOKEN_FLAGS],
  oauth2User: [
    'name', 'description', 'client-id', 'grant', 'issuer', 'authorize-url', 'token-url', 'device-url', 'revocation-url',
    'userinfo-url', 'jwks-url', 'redirect-uri', 'auth-method', 'scopes', 'audience', ...TOKEN_FLAGS,
  ],
};

export const INTEGRATION_OPTIONS: OptionSpec = {
  ...Object.fromEntries(Object.keys(FLAG_FIELDS).map((flag) => [flag, { type: 'string' as const }])),
  'client-secret-stdin': { type: 'boolean' as const },
  // Accepted only to refuse it with a reason: argv is visible in `ps` and shell history.
  'client-secret': { type: 'string' as const },
};

export function flagForField(field: string): string | undefined {
  const top = field.split('.')[0];
  if (top === 'clientSecrets') return 'client-secret-stdin';
  return Object.entries(FLAG_FIELDS).find(([, b]) => b.field === top)?.[0];
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseValue(flag: string, binding: FlagBinding, text: string): unknown {
  if (text.trim() === '' && binding.parse !== 'list') return null;
  switch (binding.parse) {
    case 'list':
      return splitList(text);
    case 'number':
      if (!/^\d+$/.test(text.trim())) throw new KeysmithError('usage', `--${flag} must be a whole number (got "${text}")`);
      return Number(text);
    case 'onOff':
      if (!['on', 'off'].includes(text)) throw new KeysmithError('usage', `--${flag} must be on or off (got "${text}")`);
      return text === 'on';
    default:
      return text;
  }
}

/**
 * Turns flag values into model fields. An empty value (`--org-id ""`) clears an optional field on
 * edit; on add it is the same as leaving the flag out.
 */
export function fieldsFromFlags(kind: IntegrationKind, values: Record<string, unknown>, command: string): Record<string, unknown> {
  if (values['client-secret'] !== undefined) {
    throw new KeysmithError(
      'usage',
      'Never pass a client secret as an argument (it is visible in `ps` and shell history): pipe it in with --client-secret-stdin, or leave it out to be asked',
    );
  }
  const allowed = KIND_FLAGS[kind];
  const fields: Record<string, unknown> = {};
  for (const [flag, binding] of Object.entries(FLAG_FIELDS)) {
    const value = values[flag];
    if (value === undefined) continue;
    if (!allowed.includes(flag)) {
      throw new KeysmithError('usage', `--${flag} does not apply to ${kind} integrations (see \`keysmith help ${command}\`)`);
    }
    if (binding.parse === 'consoleUrl') {
      const ids = parseConsoleUrl(String(value));
      if (!ids) {
        throw new KeysmithError('usage', `--console-url must be a Developer Console credential URL, like https://developer.adobe.com/console/projects/1187321/4566206088344794932/credentials/56890123/details (got "${String(value)}")`);
      }
      if (values['console-org-id'] !== undefined || values['credential-id'] !== undefined) {
        throw new KeysmithError('usage', '--console-url already gives the Console org id and the credential id: leave out --console-org-id and --credential-id');
      }
      fields.consoleOrgId = ids.consoleOrgId;
      fields.credentialId = ids.credentialId;
      continue;
    }
    fields[binding.field] = parseValue(flag, binding, String(value));
  }
  return fields;
}

/** Prefixes a model validation message with the flag that carries the field. */
function explainInvalid(err: KeysmithError): KeysmithError {
  const flag = err.field ? flagForField(err.field) : undefined;
  if (!flag) return err;
  return restated(err, `--${flag}: ${err.message}`);
}

/**
 * With `given` (the flags typed), a field whose flag was not given at all is a missing required
 * flag: a usage error (exit 2), as for any other missing flag, rather than invalid input.
 */
function rethrowExplained(err: unknown, given?: Record<string, unknown>): never {
  if (!isKeysmithError(err, 'invalid_input')) throw err;
  const flag = err.field ? flagForField(err.field) : undefined;
  if (given && flag && flag !== 'client-secret-stdin' && given[flag] === undefined) {
    throw new KeysmithError('usage', `--${flag} is required: ${err.message}`, { field: err.field });
  }
  throw explainInvalid(err);
}

/** Runs `fn` (sync or async), turning a model validation error into one that names the flag at fault. */
export function withFlagNames<T>(fn: () => T, given?: Record<string, unknown>): T {
  try {
    const result = fn();
    if (result instanceof Promise) return result.catch((err: unknown) => rethrowExplained(err, given)) as T;
    return result;
  } catch (err) {
    return rethrowExplained(err, given);
  }
}
