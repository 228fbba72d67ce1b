import { duplicateIntegration } from '../../core/duplicate-integration';
import { addIntegration, removeIntegration, updateIntegration } from '../../core/integration-store';
import { getIntegration, listIntegrations, maskIntegration, summarize } from '../../core/integration-view';
import { usesIms } from '../../shared/integration-kinds';
import type { Settings } from '../../shared/settings-schema';
import type { AppServices } from '../services';
import { keysStatus, tokenStatus } from './status';
import type { DomainHandlers } from './types';
import { afterWrite, clockOf } from './writes';

/**
 * The settings' defaults for what a new integration leaves out. Only absent fields are filled: a
 * value the user typed always wins, and `null` (cleared) counts as absent.
 */
export function withSettingsDefaults(fields: Record<string, unknown>, settings: Settings): Record<string, unknown> {
  const out = { ...fields };
  if (usesIms(out.kind) && out.imsEndpoint == null) out.imsEndpoint = settings.defaultImsEndpoint;
  if (out.kind !== 'apiKey' && out.refreshMarginMinutes == null) out.refreshMarginMinutes = settings.refreshMarginMinutes;
  return out;
}

export function integrationHandlers(s: AppServices): DomainHandlers<'integrations'> {
  const now = clockOf(s);

  return {
    'integrations:list': async () => {
      const vault = await s.vault.vault();
      const [entries, settings] = await Promise.all([s.vault.tokenEntries(), s.settings.get()]);
      const favorites = new Set(settings.favorites);
      const at = now();
      return listIntegrations(vault.document).map((i) => ({
        ...summarize(i),
        id: i.id,
        scopes: 'scopes' in i && Array.isArray(i.scopes) ? i.scopes : [],
        favorite: favorites.has(i.id),
        token: tokenStatus(i, entries[i.id], at.getTime()),
        keys: keysStatus(i, at),
      }));
    },

    'integrations:get': async ({ name }) => maskIntegration(getIntegration((await s.vault.vault()).document, name)),

    'integrations:create': async ({ fields }) => {
      const vault = await s.vault.vault();
      const input = withSettingsDefaults(fields, await s.settings.get());
      const created = await vault.update((doc) => addIntegration(doc, input, now()));
      return afterWrite(s, maskIntegration(created));
    },

    'integrations:update': async ({ name, patch }) => {
      const vault = await s.vault.vault();
      const updated = await vault.update((doc) => updateIntegration(doc, name, patch, now()));
      return afterWrite(s, maskIntegration(updated));
    },

    'integrations:delete': async ({ name }) => {
      const vault = await s.vault.vault();
      const removed = await vault.update((doc) => removeIntegration(doc, name));
      const settings = await s.settings.get();
      if (settings.favorites.includes(removed.id)) {
        await s.settings.set({ favorites: settings.favorites.filter((id) => id !== removed.id) });
      }
      return afterWrite(s, { deleted: removed.name });
    },

    'integrations:duplicate': async ({ name, newName }) => {
      const vault = await s.vault.vault();
      const copy = await vault.update((doc) => duplicateIntegration(doc, name, newName, now()));
      return afterWrite(s, maskIntegration(copy));
    },
  };
}
