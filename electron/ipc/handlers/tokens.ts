import { KeysmithError } from '../../core/errors';
import { updateIntegration } from '../../core/integration-store';
import { getIntegration } from '../../core/integration-view';
import { copyToken } from '../../app/token-clipboard';
import type { TokenStatus } from '../../shared/ipc/contract';
import type { AppServices } from '../services';
import { autoRefreshOf, tokenStatus } from './status';
import type { DomainHandlers } from './types';
import { afterWrite, clockOf } from './writes';

export function tokenHandlers(s: AppServices): DomainHandlers<'tokens'> {
  const now = clockOf(s);
  const nowMs = () => now().getTime();

  const status = async (name: string): Promise<TokenStatus> => {
    const integration = getIntegration((await s.vault.vault()).document, name);
    const entries = await s.vault.tokenEntries();
    return tokenStatus(integration, entries[integration.id], nowMs());
  };

  return {
    'tokens:status': ({ name }) => status(name),

    'tokens:mint': async ({ name, force }) => {
      await s.vault.vault(); // fresh document before minting, in case the CLI changed it
      const result = await s.vault.tokens().getToken(name, { force });
      return {
        ...tokenStatus(result.integration, result, nowMs()),
        fromCache: result.fromCache,
        ...(result.refreshError !== undefined && { refreshError: result.refreshError }),
        ...(result.cacheWarning !== undefined && { cacheWarning: result.cacheWarning }),
      };
    },

    'tokens:copy': ({ name, format }) => copyToken(s, name, format),

    'tokens:setAutoRefresh': async ({ name, enabled }) => {
      const vault = await s.vault.vault();
      const integration = getIntegration(vault.document, name);
      if (integration.kind === 'apiKey') {
        throw new KeysmithError('invalid_input', `"${integration.name}" is an API key integration: it has no token to refresh`, { field: 'enabled' });
      }
      if (autoRefreshOf(integration) !== enabled) {
        await afterWrite(s, await vault.update((doc) => updateIntegration(doc, integration.name, { autoRefresh: enabled }, now())));
      }
      return status(integration.name);
    },
  };
}
