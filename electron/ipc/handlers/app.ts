import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

export function appHandlers(s: AppServices): DomainHandlers<'app'> {
  return {
    'app:version': async () => s.appVersion,
  };
}
