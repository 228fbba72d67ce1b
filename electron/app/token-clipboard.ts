/**
 * Copying an integration's token to the clipboard in a format (its API key, for API key
 * integrations): one app service, used by the `tokens:copy` channel and by the tray's favourites.
 */
import { currentCredentials } from '../core/tokens/current-credentials';
import { formatCredentials } from '../core/tokens/token-formats';
import type { TokenFormat } from '../shared/formats';
import { tokenPreview } from '../shared/token-preview';
import type { TokenCopyResult } from '../shared/ipc/contract';
import type { AppServices } from '../ipc/services';

export async function copyToken(s: Pick<AppServices, 'vault' | 'clipboard'>, name: string, format: TokenFormat): Promise<TokenCopyResult> {
  const vault = await s.vault.vault();
  const credentials = await currentCredentials(vault.document, () => s.vault.tokens(), name);
  const { clearsInSeconds } = await s.clipboard.copy(formatCredentials(format, credentials));
  const preview = tokenPreview(credentials.accessToken ?? credentials.integration.clientId);
  return { copied: true, clearsInSeconds, format, expiresAt: credentials.expiresAt ?? null, preview };
}
