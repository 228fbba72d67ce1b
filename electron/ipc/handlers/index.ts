import type { AppServices } from '../services';
import { integrationHandlers } from './integrations';
import { interopHandlers } from './interop';
import { keypairHandlers } from './keypairs';
import { appHandlers } from './app';
import { secretHandlers } from './secrets';
import { settingsHandlers } from './settings';
import { signInHandlers } from './signin';
import { tokenHandlers } from './tokens';
import { rotationHandlers } from './rotation';
import type { AllHandlers } from './types';
import { vaultHandlers } from './vault';

/** Every channel's handler; the type makes a missing or extra channel a compile error. */
export function createHandlers(s: AppServices): AllHandlers {
  return {
    ...appHandlers(s),
    ...vaultHandlers(s),
    ...integrationHandlers(s),
    ...keypairHandlers(s),
    ...tokenHandlers(s),
    ...secretHandlers(s),
    ...interopHandlers(s),
    ...settingsHandlers(s),
    ...signInHandlers(s),
    ...rotationHandlers(s),
  };
}
