/**
 * A shell snippet with the token request exactly as Keysmith's own mint makes it (tokens/mint-token.ts):
 * same endpoint, same form fields, same client authentication. Values go through --data-urlencode
 * and POSIX single quotes, so any value survives the shell and the form encoding. A secret that is
 * not exported becomes a shell variable the user sets ("$CLIENT_SECRET"); a JWT or client assertion
 * must be signed with the private key, which curl cannot do, so it is always a variable and
 * `keysmith token` is named as the way to get a token. With an access token, an API call with the
 * headers Keysmith's own `token --format curl` prints follows.
 */
import { KIND_LABELS, type Integration } from '../../../shared/integration';
import { requestHeaders, shellQuote } from '../../tokens/token-formats';
import { activeSecret, fileStem, scopeParameter, tokenEndpoint, usesClientSecret } from './export-parts';
import type { ExportOptions, ExportResult } from './export-types';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** One argument of a curl command: shell-quoted, or a "$VARIABLE" the user provides. */
type Arg = string | { variable: string; prefix: string };

function render(arg: Arg): string {
  // Inside double quotes only these four are special; prefixes are fixed or form-encoded, but cheap to guard.
  return typeof arg === 'string' ? shellQuote(arg) : `"${arg.prefix.replace(/[$`"\\]/g, '\\$&')}$${arg.variable}"`;
}

function command(url: Arg, options: [string, Arg][]): string {
  return [`curl ${render(url)}`, ...options.map(([flag, value]) => `  ${flag} ${render(value)}`)].join(' \\\n');
}

function field(name: string, value: string): [string, Arg] {
  return ['--data-urlencode', `${name}=${value}`];
}

function variableField(name: string, variable: string): [string, Arg] {
  return ['--data-urlencode', { variable, prefix: `${name}=` }];
}

interface TokenRequest {
  notes: string[];
  options: [string, Arg][];
  containsSecrets: boolean;
}

function tokenRequest(integration: Exclude<Integration, { kind: 'apiKey' }>, includeSecrets: boolean): TokenRequest {
  const notes: string[] = [];
  const options: [string, Arg][] = [];
  const secret = activeSecret(integration);
  const showSecret = includeSecrets && secret !== undefined && usesClientSecret(integration);
  if (usesClientSecret(integration) && !showSecret) {
    notes.push('# The client secret is left out: set CLIENT_SECRET first, or export again with secrets included.');
    if (integration.kind === 'oauth2' && integration.authMethod === 'client_secret_basic') {
      notes.push('# (Basic authentication wants it form-urlencoded, RFC 6749 2.3.1: letters, digits and -._~ stay as they are.)');
    }
  }
  const secretField = (): [string, Arg] => (showSecret ? field('client_secret', secret) : variableField('client_secret', 'CLIENT_SECRET'));
  const signNote = (what: string, variable: string) =>
    `# ${variable}: ${what} signed with the integration's private key; \`keysmith token "${integration.name}"\` signs one and mints the token for you.`;

  switch (integration.kind) {
    case 'oauthS2S':
      options.push(field('grant_type', 'client_credentials'), field('client_id', integration.clientId), secretField(), field('scope', scopeParameter(integration)!));
      break;
    case 'jwt':
      notes.unshift(signNote('a JWT', 'JWT_TOKEN'));
      options.push(field('client_id', integration.clientId), secretField(), variableField('jwt_token', 'JWT_TOKEN'));
      break;
    case 'oauth2': {
      options.push(field('grant_type', 'client_credentials'));
      if (integration.authMethod === 'client_secret_basic') {
        // RFC 6749 2.3.1: both parts form-urlencoded before curl base64-encodes them, as mint-token does.
        const user = `${encodeURIComponent(integration.clientId)}:`;
        options.unshift(['--user', showSecret ? `${user}${encodeURIComponent(secret)}` : { variable: 'CLIENT_SECRET', prefix: user }]);
      } else if (integration.authMethod === 'client_secret_post') {
        options.push(field('client_id', integration.clientId), secretField());
      } else {
        notes.push(signNote('a client assertion (RFC 7523)', 'CLIENT_ASSERTION'));
        options.push(field('client_id', integration.clientId), field('client_assertion_type', CLIENT_ASSERTION_TYPE), variableField('client_assertion', 'CLIENT_ASSERTION'));
      }
      const scope = scopeParameter(integration);
      if (scope !== undefined) options.push(field('scope', scope));
      if (integration.audience) {
        options.push(field('audience', integration.audience));
        if (/^[a-z][a-z0-9+.-]*:/i.test(integration.audience)) options.push(field('resource', integration.audience));
      }
      break;
    }
  }
  return { notes, options, containsSecrets: showSecret };
}

function apiCall(integration: Integration, accessToken: string | undefined): string {
  const headers = requestHeaders({ integration, ...(accessToken !== undefined && { accessToken }) });
  return command({ variable: 'API_URL', prefix: '' }, headers.map(([k, v]): [string, Arg] => ['-H', `${k}: ${v}`]));
}

export function exportCurl(integration: Integration, opts: ExportOptions): ExportResult {
  const fileName = `${fileStem(integration.name)}-curl.sh`;
  const title = `"${integration.name}" (${KIND_LABELS[integration.kind]}), written by Keysmith.`;
  if (integration.kind === 'apiKey') {
    // API keys have no token: the key itself goes in the x-api-key header.
    const content = [`# An API call with the key of ${title}`, '# Set API_URL to the endpoint you call.', apiCall(integration, undefined)].join('\n');
    return { content: `${content}\n`, fileName, containsSecrets: false };
  }
  const request = tokenRequest(integration, opts.includeSecrets);
  const lines = [`# Token request for ${title}`, ...request.notes, command(tokenEndpoint(integration)!, request.options)];
  if (opts.accessToken !== undefined) {
    lines.push('', '# An API call with the access token; set API_URL to the endpoint you call.', apiCall(integration, opts.accessToken));
  }
  return { content: `${lines.join('\n')}\n`, fileName, containsSecrets: request.containsSecrets || opts.accessToken !== undefined };
}
