/**
 * A stateful fake of main's keypairs domain for component tests: the first key becomes active, later
 * ones wait for setActive, and removing the active key while others exist is refused with main's own
 * message (core/keys/keypair-store.ts). Each call is a vi.fn, so tests can also script one answer.
 */
import { vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ResponseOf } from '../../electron/shared/ipc/contract';
import type { IpcResult } from '../../electron/shared/ipc/result';
import type { ErrorAction } from '../../electron/shared/error-codes';

export type KeyPair = ResponseOf<'keypairs:list'>[number];

const DAY = 86_400_000;
const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
/** Fails as main does: core's sentence, and the next step as an action (never CLI wording). */
const fail = (code: 'invalid_input' | 'not_found', message: string, field?: string, action?: ErrorAction): Promise<IpcResult<never>> =>
  Promise.resolve({ ok: false, error: { code, message, ...(field && { field }), ...(action && { action }) } });

/** A fingerprint in OpenSSL notation whose first byte is `lead` (hex pair) and the rest `fill`. */
export function fingerprint(lead: string, fill = 'AB'): string {
  return [lead, ...Array.from({ length: 31 }, () => fill)].join(':');
}

/** A summary as main returns it; the marks follow `daysLeft` unless given. */
export function keyPair(fp: string, over: Partial<KeyPair> = {}): KeyPair {
  const daysLeft = over.daysLeft ?? 365;
  return {
    id: `key-${fp.slice(0, 5)}`,
    fingerprintSha256: fp,
    bits: 2048,
    origin: 'generated',
    active: false,
    addedAt: '2026-01-01T00:00:00.000Z',
    subject: 'CN=test',
    serial: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    daysLeft,
    expiringSoon: daysLeft < 30,
    expired: daysLeft < 0,
    ...over,
  };
}

/** Fingerprints handed out by generate, in order. */
export const GENERATED = [fingerprint('7B'), fingerprint('03'), fingerprint('C4')];

export function createFakeKeys(initial: KeyPair[] = []) {
  let keys = initial.map((k) => ({ ...k }));
  let next = 0;

  const find = (fp: string) => keys.find((k) => k.fingerprintSha256 === fp);
  const keypairs = {
    list: vi.fn<KeysmithApi['keypairs']['list']>(() => ok(keys.map((k) => ({ ...k })))),
    generate: vi.fn<KeysmithApi['keypairs']['generate']>((req) => {
      const key = keyPair(GENERATED[next++ % GENERATED.length]!, {
        bits: req.bits ?? 2048,
        daysLeft: (req.days ?? 365) - 1,
        notAfter: new Date(Date.UTC(2026, 5, 1) + (req.days ?? 365) * DAY).toISOString(),
        active: keys.length === 0,
      });
      keys = [...keys, key];
      return ok({ ...key });
    }),
    import: vi.fn<KeysmithApi['keypairs']['import']>(() => ok({ imported: false } as const)),
    setActive: vi.fn<KeysmithApi['keypairs']['setActive']>((req) => {
      const key = find(req.fingerprint);
      if (!key) return fail('not_found', '"x" has no key with that fingerprint', undefined, 'list_keys');
      keys = keys.map((k) => ({ ...k, active: k === key }));
      return ok({ ...find(req.fingerprint)! });
    }),
    remove: vi.fn<KeysmithApi['keypairs']['remove']>((req) => {
      const key = find(req.fingerprint);
      if (!key) return fail('not_found', 'no key with that fingerprint');
      if (key.active && keys.length > 1) {
        return fail('invalid_input', `${key.fingerprintSha256} is the active key of "${req.name}"`, undefined, 'use_other_key');
      }
      keys = keys.filter((k) => k !== key);
      return ok({ removed: key.fingerprintSha256 });
    }),
    saveCertificate: vi.fn<KeysmithApi['keypairs']['saveCertificate']>(() => ok({ saved: true, path: '/home/me/AEM-prod-7b7a1856.crt' })),
  };

  /** Adds a key as a successful import would. */
  function add(key: KeyPair) {
    keys = [...keys, { ...key, active: keys.length === 0 }];
    return { ...keys[keys.length - 1]! };
  }

  return { keypairs, add, current: () => keys };
}
