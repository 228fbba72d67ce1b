import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

export function vaultHandlers(s: AppServices): DomainHandlers<'vault'> {
  return {
    'vault:status': () => s.vault.status(),
    'vault:create': async (how) => {
      const { recoveryKey } = await s.vault.create(how);
      try {
        await s.dialogs.showRecoveryKey(recoveryKey);
      } catch (err) {
        // The vault exists and is unlocked either way; the key can be shown again by no one, so say so in the log.
        s.log('could not show the recovery key of the new vault', err);
      }
      return s.vault.status();
    },
    'vault:unlock': async (request) => {
      await s.vault.unlock(request);
      return s.vault.status();
    },
    'vault:lock': async () => {
      s.vault.lock('user');
      return s.vault.status();
    },
  };
}
