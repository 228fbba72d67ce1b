import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

export function settingsHandlers(s: AppServices): DomainHandlers<'settings'> {
  return {
    'settings:get': async () => {
      const settings = await s.settings.get();
      const warning = await s.settings.warning?.();
      return warning === undefined ? settings : { ...settings, warning };
    },
    'settings:set': (patch) => s.settings.set(patch),
  };
}
