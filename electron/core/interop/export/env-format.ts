/**
 * A .env file in two parts, both read by dotenv:
 *
 * 1. The names Adobe's own samples read. AdobeDocs/cloudmanager-api-docs (tutorial/0-setup.md and
 *    tutorial/4-getting-an-access-token.md) has ORGANIZATION_ID, TECHNICAL_ACCOUNT_ID,
 *    TECHNICAL_ACCOUNT_EMAIL, API_KEY, CLIENT_SECRET and PRIVATE_KEY (the PEM itself, not a path);
 *    Adobe's OAuth Server-to-Server samples read CLIENT_ID and CLIENT_SECRET (e.g.
 *    da-sites/da-status-monitoring src/setup-auth.js). CLIENT_ID is used for every kind with a
 *    client id; API_KEY only for API key integrations, where the key is all there is. SCOPES and
 *    META_SCOPES are comma-separated, as IMS wants them; TOKEN_URL is Keysmith's own name for the
 *    full endpoint, unambiguous where samples disagree on whether IMS_ENDPOINT has a scheme.
 * 2. The same context as the aio CLI reads it from a .env: aio-lib-core-config hoists .env into the
 *    environment and maps AIO_<A>_<B> to the key a.b, lowercased, with `__` standing for `_`
 *    (src/Config.js), so AIO_IMS_CONTEXTS_<CTX>_CLIENT__ID is ims.contexts.<ctx>.client_id. Arrays
 *    are JSON text, as `aio app use` writes them (aio-cli-plugin-app flattenObjectWithSeparator).
 *
 * A secret that is not exported keeps its line, commented out, so the file shows what is missing
 * and uncommenting it yields an empty variable rather than a stray note.
 */
import { KIND_LABELS, type Integration } from '../../../shared/integration';
import { aioContext, type AioContext } from './aio-context';
import { dotenvValue } from './dotenv-value';
import { activeKey, activeSecret, contextName, fileStem, scopeParameter, signsWithKey, tokenEndpoint, usesClientSecret } from './export-parts';
import { INCLUDE_SECRETS_HINT, NO_KEY_PAIR_YET, type ExportOptions, type ExportResult } from './export-types';

interface Entry {
  name: string;
  value: string | undefined;
  /** secret entries are written only with includeSecrets */
  secret?: { missing: string };
}

function sampleEntries(integration: Integration): Entry[] {
  const secret: Entry = { name: 'CLIENT_SECRET', value: activeSecret(integration), secret: { missing: 'no client secret in Keysmith' } };
  const privateKey: Entry = {
    name: 'PRIVATE_KEY',
    value: activeKey(integration)?.privateKeyPem,
    secret: { missing: NO_KEY_PAIR_YET },
  };
  const tokenUrl: Entry = { name: 'TOKEN_URL', value: tokenEndpoint(integration) };
  switch (integration.kind) {
    case 'apiKey':
      return [
        { name: 'API_KEY', value: integration.clientId },
        { name: 'ORGANIZATION_ID', value: integration.orgId },
      ];
    case 'oauthS2S':
    case 'jwt': {
      // Both Adobe kinds share the account lines; they differ in the scope variable and the key.
      const jwt = integration.kind === 'jwt';
      return [
        { name: 'CLIENT_ID', value: integration.clientId },
        secret,
        { name: 'ORGANIZATION_ID', value: integration.orgId },
        { name: 'TECHNICAL_ACCOUNT_ID', value: integration.technicalAccountId },
        { name: 'TECHNICAL_ACCOUNT_EMAIL', value: integration.technicalAccountEmail },
        { name: jwt ? 'META_SCOPES' : 'SCOPES', value: scopeParameter(integration) },
        tokenUrl,
        ...(jwt ? [privateKey] : []),
      ];
    }
    case 'oauthUser':
    case 'oauth2User':
      // Refused before any writer runs (export-integration.ts): a sign-in is not a file.
      return [{ name: 'CLIENT_ID', value: integration.clientId }];
    case 'oauth2':
      return [
        { name: 'CLIENT_ID', value: integration.clientId },
        ...(usesClientSecret(integration) ? [secret] : []),
        tokenUrl,
        { name: 'AUTH_METHOD', value: integration.authMethod },
        // space-separated, as RFC 6749 wants; the token request sends it as it is
        { name: 'SCOPES', value: scopeParameter(integration) },
        { name: 'AUDIENCE', value: integration.audience },
        ...(signsWithKey(integration) ? [privateKey] : []),
      ];
  }
}

/** aio-lib-core-config's spelling of a key segment: upper case here, `__` for a literal underscore. */
function aioSegment(key: string): string {
  return key.toUpperCase().replace(/_/g, '__');
}

function aioEntries(context: AioContext, name: string): Entry[] {
  const prefix = `AIO_IMS_CONTEXTS_${aioSegment(name)}_`;
  return context.fields.map(({ field, value, secret, reason }) => ({
    name: prefix + aioSegment(field),
    // \u0027 is the same JSON as ', and keeps a secret holding ' inside single quotes.
    value: Array.isArray(value) ? JSON.stringify(value).replace(/'/g, '\\u0027') : value,
    ...(secret && { secret: { missing: reason ?? '' } }),
  }));
}

export function exportEnv(integration: Integration, opts: ExportOptions): ExportResult {
  let containsSecrets = false;
  const line = (entry: Entry): string | undefined => {
    if (entry.secret) {
      if (!opts.includeSecrets) return `# ${entry.name}=  # ${INCLUDE_SECRETS_HINT}`;
      if (entry.value === undefined) return `# ${entry.name}=  # ${entry.secret.missing}`;
      containsSecrets = true;
    }
    if (entry.value === undefined) return undefined;
    return `${entry.name}=${dotenvValue(entry.value, `${entry.name} value`)}`;
  };
  const render = (entries: Entry[]) => entries.map(line).filter((l): l is string => l !== undefined);

  const lines = [
    `# "${integration.name}": ${KIND_LABELS[integration.kind]}, exported by Keysmith.`,
    integration.kind === 'oauth2'
      ? '# Quoted so that dotenv reads every value back unchanged.'
      : '# Names as Adobe\'s samples read them; quoted so that dotenv reads every value back unchanged.',
    ...render(sampleEntries(integration)),
  ];
  const warnings: string[] = [];
  if (integration.kind !== 'oauth2') {
    const name = contextName(integration.name, opts.context);
    const context = aioContext(integration, opts.includeSecrets);
    lines.push('', `# The same credential as the aio CLI reads it from a .env: IMS context "${name}".`, ...render(aioEntries(context, name)));
    // The samples' part is still useful, so a context aio would refuse is a warning here.
    if (context.missing.length > 0) warnings.push(`aio-lib-ims would refuse the AIO_IMS_CONTEXTS_* part: it lacks ${context.missing.join(', ')}`);
    warnings.push(...context.warnings);
  }
  return { content: `${lines.join('\n')}\n`, fileName: `${fileStem(integration.name)}.env`, containsSecrets, warnings };
}
