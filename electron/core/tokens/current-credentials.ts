/**
 * What a token format needs now, for one integration: its token (from the cache while fresh, else
 * minted) or, for an API key integration, the integration alone (its key is the credential). The
 * one lookup behind `keysmith token`, `exec` and `inspect` and the app's copy button and tray.
 */
import { getIntegration } from '../integration-view';
import type { VaultDocument } from '../vault-document';
import type { Credentials } from './token-formats';
import type { TokenService } from './token-service';

export interface CurrentCredentials extends Credentials {
  /** a re-mint failed and a still-valid cached token was kept: say so, but use it */
  refreshError?: string;
  /** the token is good but could not be cached: say so, but use it */
  cacheWarning?: string;
}

/** `tokens` is asked for only when a token is needed, so an API key needs no token service. */
export async function currentCredentials(
  doc: Readonly<VaultDocument>,
  tokens: () => Pick<TokenService, 'getToken'>,
  name: string,
  opts: { force?: boolean } = {},
): Promise<CurrentCredentials> {
  const integration = getIntegration(doc, name);
  if (integration.kind === 'apiKey') return { integration };
  const result = await tokens().getToken(integration.name, opts);
  return {
    integration: result.integration,
    accessToken: result.accessToken,
    expiresAt: result.expiresAt,
    fromCache: result.fromCache,
    ...(result.refreshError !== undefined && { refreshError: result.refreshError }),
    ...(result.cacheWarning !== undefined && { cacheWarning: result.cacheWarning }),
  };
}
