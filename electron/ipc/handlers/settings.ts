import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

export function settingsHandlers(s: AppServices): DomainHandlers<'settings'> {
  return {
    'settings:get': () => s.settings.get(),
    'settings:set': (patch) => s.settings.set(patch),
  };
}
