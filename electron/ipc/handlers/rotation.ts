/**
 * Health and client-secret rotation for the app: the same core as `keysmith health`, `secrets` and
 * `rotate-secret`, so the wizard has the CLI's steps and safety (the vault record, the lock, the
 * checks before any delete). Answers hold ids, dates and sentences, never a secret value.
 */
import { healthReport } from '../../core/health/health-check';
import { healthThresholds } from '../../app/settings';
import { MintRecords } from '../../core/health/mint-record';
import { listSecrets } from '../../core/rotation/list-secrets';
import { rotateSecret } from '../../core/rotation/rotate-secret';
import type { HttpOptions } from '../../core/tokens/token-http';
import type { AppServices } from '../services';
import type { DomainHandlers } from './types';
import { afterWrite, clockOf } from './writes';

export function rotationHandlers(s: AppServices): DomainHandlers<'health'> & DomainHandlers<'rotation'> {
  const now = clockOf(s);
  const http = (): HttpOptions => ({ fetch: s.fetch ?? ((url, init) => fetch(url, init)) });
  return {
    'health:report': async ({ secretMaxAgeDays, certificateDays }) => {
      const vault = await s.vault.vault();
      const saved = healthThresholds(await s.settings.get());
      const thresholds = { secretMaxAgeDays: secretMaxAgeDays ?? saved.secretMaxAgeDays, certificateDays: certificateDays ?? saved.certificateDays };
      return healthReport(vault.document, await new MintRecords(vault).read(), { now: now(), thresholds });
    },

    'rotation:secrets': async ({ name }) => listSecrets(await s.vault.vault(), name, http()),

    'rotation:rotate': async ({ name, deleteOld, finish, force }) => {
      const vault = await s.vault.vault();
      try {
        return await rotateSecret(vault, name, { http: http(), deleteOld, finish, force });
      } finally {
        // Whatever step it reached is in the vault: the list, the tray and the scheduler must see it.
        await afterWrite(s, undefined);
      }
    },
  };
}
