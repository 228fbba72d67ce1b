/**
 * What the handlers share about time and writes: the services' clock (tests pin it), and telling
 * the session after a write, so the refresh scheduler and the tray see the change.
 */
import type { AppServices } from '../services';

export function clockOf(s: Pick<AppServices, 'now'>): () => Date {
  return () => s.now?.() ?? new Date();
}

/** Resolves to `value` once the session knows the vault changed. */
export async function afterWrite<T>(s: Pick<AppServices, 'vault'>, value: T): Promise<T> {
  await s.vault.changed();
  return value;
}
