import { KeysmithError } from '../../core/errors';
import { getIntegration, primarySecret } from '../../core/integration-view';
import { fieldWord } from '../../shared/fields';
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

    // Identifiers are not secret: copied plainly, not cleared, but still by main, which owns the
    // clipboard and knows whether a secret of ours is on it.
    'secrets:copyField': async ({ name, field }) => {
      const integration = getIntegration((await s.vault.vault()).document, name);
      const value = (integration as Partial<Record<typeof field, unknown>>)[field];
      if (typeof value !== 'string' || value === '') {
        throw new KeysmithError('not_found', `"${integration.name}" has no ${fieldWord(field)}`);
      }
      await s.clipboard.copyPlain(value);
      return { copied: true, clearsInSeconds: null };
    },
  };
}
