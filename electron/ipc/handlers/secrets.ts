import { getIntegration, primarySecret } from '../../core/integration-view';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

/** The client secret goes to the clipboard, in main; the renderer only learns that it was copied. */
export function secretHandlers(s: AppServices): DomainHandlers<'secrets'> {
  return {
    'secrets:copyClientSecret': async ({ name }) => {
      const secret = primarySecret(getIntegration((await s.vault.vault()).document, name));
      const { clearsInSeconds } = await s.clipboard.copy(secret);
      return { copied: true, clearsInSeconds };
    },
  };
}
