/**
 * The router's gate, piece by piece: the trusted-sender check, the size cap (bounded work on hostile
 * shapes), the PEM leak guard, and the contract's coverage of the channel list.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS, isEventName } from '../../electron/shared/ipc/channels';
import { REQUEST_SCHEMAS } from '../../electron/shared/ipc/contract';
import { PEM_WITHHELD, withholdPem } from '../../electron/ipc/leak-guard';
import { exceedsPayloadLimit } from '../../electron/ipc/payload-size';
import { isTrustedSender, parseOrigin } from '../../electron/ipc/sender-policy';

describe('trusted sender', () => {
  const origin = parseOrigin('app://keysmith');
  const from = (url: unknown, parent: unknown = null) => isTrustedSender({ senderFrame: { url: url as string, parent } }, origin);

  it('accepts top-level frames of the app origin only', () => {
    expect(from('app://keysmith/index.html')).toBe(true);
    expect(from('app://keysmith/')).toBe(true);
    expect(from('app://keysmith/index.html?x=1#y')).toBe(true);
    for (const url of ['https://keysmith/', 'app://keysmith.evil/', 'app://evil/', 'file:///index.html', 'app://u:p@keysmith/', 'about:blank', '', 'not a url', 42]) {
      expect(from(url), String(url)).toBe(false);
    }
    expect(from('app://keysmith/index.html', { url: 'app://keysmith/' })).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, origin)).toBe(false);
    expect(isTrustedSender({}, origin)).toBe(false);
    expect(isTrustedSender(undefined, origin)).toBe(false);
  });

  it('insists on an origin, not a page', () => {
    expect(() => parseOrigin('app://keysmith/index.html')).toThrow(/origin/);
  });
});

describe('payload size cap', () => {
  const MiB = 1024 * 1024;
  it('measures strings, binary data and structure', () => {
    expect(exceedsPayloadLimit({ name: 'Analytics' }, MiB)).toBe(false);
    expect(exceedsPayloadLimit('x'.repeat(MiB), MiB)).toBe(true);
    expect(exceedsPayloadLimit(new Uint8Array(MiB + 1), MiB)).toBe(true);
    expect(exceedsPayloadLimit(new ArrayBuffer(MiB + 1), MiB)).toBe(true);
    expect(exceedsPayloadLimit(new Map([['k', 'x'.repeat(MiB)]]), MiB)).toBe(true);
    expect(exceedsPayloadLimit(new Set(['x'.repeat(MiB)]), MiB)).toBe(true);
    expect(exceedsPayloadLimit({ ['k'.repeat(MiB)]: 1 }, MiB)).toBe(true);
  });

  it('stops early on hostile shapes: deep nesting, cycles, huge sparse arrays', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(exceedsPayloadLimit(deep, MiB)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(exceedsPayloadLimit(cyclic, MiB)).toBe(true);
    // The walk's work is counted, not timed: every element it reads goes through this proxy, and
    // reading more elements than the cap has bytes means the walk is paced by the length instead.
    const sparse: unknown[] = [];
    sparse.length = 2 ** 31;
    let reads = 0;
    const counted = new Proxy(sparse, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key) && ++reads > MiB) throw new Error(`read ${reads} elements of a sparse array`);
        return Reflect.get(target, key, receiver);
      },
    });
    expect(exceedsPayloadLimit(counted, MiB)).toBe(true);
    expect(reads).toBe(0); // the length alone is over the cap
  });
});

describe('PEM leak guard', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\n-----END PRIVATE KEY-----';

  it('returns clean values untouched, without copying', () => {
    const value = { a: [1, 'two', { three: '-----BEGIN is just text' }] };
    const guarded = withholdPem(value);
    expect(guarded.withheld).toBe(false);
    expect(guarded.value).toBe(value);
  });

  it('withholds PEM blocks anywhere in a response, leaving the original alone', () => {
    const value = { keys: [{ note: `before ${pem} after` }], other: 'kept' };
    const guarded = withholdPem(value);
    expect(guarded.withheld).toBe(true);
    expect(guarded.value).toEqual({ keys: [{ note: `before ${PEM_WITHHELD} after` }], other: 'kept' });
    expect(value.keys[0]!.note).toContain('BEGIN PRIVATE KEY');
  });
});

describe('contract', () => {
  it('names every channel once, as domain:action, each with a schema', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(new Set(EVENTS).size).toBe(EVENTS.length);
    for (const channel of CHANNELS) {
      expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
      expect(REQUEST_SCHEMAS[channel], channel).toBeDefined();
    }
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...CHANNELS].sort());
    expect(isEventName('vault:locked')).toBe(true);
    expect(isEventName('vault:lock')).toBe(false);
  });

  it('fills defaults and refuses unknown keys', () => {
    expect(REQUEST_SCHEMAS['tokens:copy'].parse({ name: 'A' })).toEqual({ name: 'A', format: 'raw' });
    expect(REQUEST_SCHEMAS['keypairs:generate'].parse({ name: 'A' })).toEqual({ name: 'A', bits: 2048, days: 365 });
    expect(REQUEST_SCHEMAS['integrations:get'].safeParse({ name: 'A', extra: 1 }).success).toBe(false);
    expect(REQUEST_SCHEMAS['integrations:update'].safeParse({ name: 'A', patch: { nope: 1 } }).success).toBe(false);
    expect(REQUEST_SCHEMAS['integrations:update'].safeParse({ name: 'A', patch: { clientId: null } }).success).toBe(true);
  });
});
