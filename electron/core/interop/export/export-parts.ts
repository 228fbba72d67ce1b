/**
 * What the export formats share: which secret and which key an integration uses, the token
 * endpoint per kind, and the names derived from an integration's name.
 */
import type { Integration } from '../../../shared/integration';
import type { StoredKeyPair } from '../../../shared/stored-keypair';
import { KeysmithError } from '../../errors';
import { AIO_CONTEXT_NAME } from '../../../shared/formats';

/** The secret a token request uses, as mint-token does: the first; the rest are kept for rotation only. */
export function activeSecret(integration: Integration): string | undefined {
  return 'clientSecrets' in integration ? integration.clientSecrets[0] : undefined;
}

/** The signing key, as findKeyPair picks it: the active one, else the first. */
export function activeKey(integration: Integration): StoredKeyPair | undefined {
  const keys = integration.keys ?? [];
  return keys.find((k) => k.active) ?? keys[0];
}

/** Whether this integration signs with a key (and so has a private key worth exporting), and whether it sends a secret. */
export { signsWithKey, usesClientSecret } from '../../../shared/integration-kinds';

/** The endpoint a token is minted at, exactly as mint-token builds it; API keys have none. */
export function tokenEndpoint(integration: Integration): string | undefined {
  switch (integration.kind) {
    case 'apiKey':
      return undefined;
    case 'oauthS2S':
      return `${integration.imsEndpoint}/ims/token/v3`;
    case 'jwt':
      return `${integration.imsEndpoint}/ims/exchange/jwt`;
    case 'oauth2':
      return integration.tokenUrl;
    case 'oauthUser':
      return `${integration.imsEndpoint}/ims/token/v3`;
    case 'oauth2User':
      return integration.tokenUrl;
  }
}

/**
 * Scopes as the token endpoint wants them: Adobe IMS reads a comma-separated list (adobe-ims.md),
 * RFC 6749 section 3.3 a space-separated one.
 */
export function scopeParameter(integration: Integration): string | undefined {
  switch (integration.kind) {
    case 'oauthS2S':
      return integration.scopes.join(',');
    case 'jwt':
      return integration.metascopes.join(',');
    case 'oauth2':
      return integration.scopes.length > 0 ? integration.scopes.join(' ') : undefined;
    case 'oauthUser':
      return integration.scopes.join(',');
    case 'oauth2User':
      return integration.scopes.length > 0 ? integration.scopes.join(' ') : undefined;
    case 'apiKey':
      return undefined;
  }
}

function asciiWords(name: string): string[] {
  // NFKD splits "ö" into "o" + a combining mark; dropping the marks keeps the letter, and the
  // rest of non-ASCII separates words.
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * An aio IMS context name: lowercase letters, digits, `-` and `_`, as aio's own names are
 * (`aio-cli-plugin-cloudmanager`, the Cloud Manager plugin's default). Lowercase because the same
 * name becomes AIO_IMS_CONTEXTS_<NAME>_... in a .env, and aio-lib-core-config lowercases those
 * variable names; `.` would split the name into two levels of aio's dotted keys. A name the user
 * gives (`context`) must already be one.
 */
export function contextName(name: string, context?: string): string {
  if (context !== undefined) {
    if (!AIO_CONTEXT_NAME.test(context)) {
      throw new KeysmithError('invalid_input', `The aio context name "${context.slice(0, 64)}" is not one aio reads back: use lowercase letters, digits, - and _ (at most 64)`, {
        field: 'context',
      });
    }
    return context;
  }
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '_')
      .replace(/^[_-]+|[_-]+$/g, '')
      .slice(0, 64) || 'keysmith'
  );
}

/** The stem of a suggested file name: portable on every file system. */
export function fileStem(name: string): string {
  return asciiWords(name).join('-') || 'integration';
}
