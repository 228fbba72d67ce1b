/**
 * Which people's sign-ins can no longer be renewed (core's signInStatus says `expired`: the access
 * token is gone and the refresh token is refused, lapsed or was never given). Never signed in is
 * not one of them: nobody was signed in to lose. The notice policy decides how often to say so.
 */
import { signInStatus } from '../core/signin/sign-in-status';
import type { Vault } from '../core/vault';
import { signsInUser } from '../shared/integration-kinds';

export async function lapsedSignIns(vault: Vault, now: number): Promise<string[]> {
  const names: string[] = [];
  for (const integration of vault.document.integrations) {
    if (!signsInUser(integration.kind)) continue;
    const status = await signInStatus(vault, integration.name, now);
    if (status.state === 'expired') names.push(integration.name);
  }
  return names;
}
