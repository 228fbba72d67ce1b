import type { VaultStatus } from '../../shared/ipc/contract';
import { toIpcError } from '../errors';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';

export function vaultHandlers(s: AppServices): DomainHandlers<'vault'> {
  /** The session's status with its last error in the renderer's terms (the session logged anything unexpected). */
  const status = async (): Promise<VaultStatus> => {
    const { lastError, ...rest } = await s.vault.status();
    return { ...rest, lastError: lastError === null ? null : toIpcError(lastError, () => undefined) };
  };

  return {
    'vault:status': status,
    'vault:create': async (how) => {
      const { recoveryKey } = await s.vault.create(how);
      try {
        await s.dialogs.showRecoveryKey(recoveryKey);
      } catch (err) {
        // The vault exists and is unlocked either way; the key can be shown again by no one, so say so in the log.
        s.log('could not show the recovery key of the new vault', err);
      }
      return status();
    },
    'vault:unlock': async (request) => {
      await s.vault.unlock(request);
      return status();
    },
    'vault:restoreBackup': async (request) => {
      const { keptAs } = await s.vault.restoreBackup(request);
      return { ...(await status()), keptAs };
    },
    'vault:lock': async () => {
      s.vault.lock('user');
      return status();
    },
  };
}
