/**
 * Issue 5's figure: the IPC router's own cost per call (sender check, size cap, schema parse,
 * dispatch, leak guard), measured as a routed call minus a direct call of the same handler with
 * the same services, which do almost nothing (an in-memory vault), so the difference is the router.
 * Target: under 0.1 ms per call. The renderer-to-main round trip itself needs the Electron binary,
 * which offline machines do not have: not measured here.
 */
import { performance } from 'node:perf_hooks';
import type { Integration } from '../electron/shared/integration';
import { DEFAULT_SETTINGS } from '../electron/app/settings';
import type { Vault } from '../electron/core/vault';
import type { VaultDocument } from '../electron/core/vault-document';
import type { Channel } from '../electron/shared/ipc/channels';
import { REQUEST_SCHEMAS } from '../electron/shared/ipc/contract';
import { createHandlers } from '../electron/ipc/handlers';
import type { Handler } from '../electron/ipc/handlers/types';
import { createDispatcher } from '../electron/ipc/router';
import type { AppServices } from '../electron/ipc/services';
import { printTable } from './measure';

const EVENT = { senderFrame: { url: 'app://keysmith/index.html', parent: null } };
const TARGET_MS = 0.1;

const integration: Integration = {
  kind: 'oauthS2S',
  name: 'Analytics',
  description: '',
  clientId: 's2s-client',
  clientSecrets: ['p8e-0123456789abcdef0123'],
  scopes: ['openid', 'AdobeID'],
  imsEndpoint: 'https://ims-na1.adobelogin.com',
  id: '6f1c3a52-8a0e-4f4e-9d55-0c1b2a3d4e5f',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** Services that answer from memory, so a call costs the handler's own logic and nothing else. */
function noOpServices(): AppServices {
  const document: VaultDocument = { schema: 1, integrations: [integration] };
  const vault = {
    document,
    update: async <T>(mutate: (doc: VaultDocument) => T) => mutate({ schema: 1, integrations: [{ ...integration }] }),
  } as unknown as Vault;
  return {
    appVersion: '0.1.0',
    vault: {
      status: async () => ({ state: 'unlocked', methods: ['passphrase'], dataDir: '/tmp', lastError: null }),
      create: async () => ({ recoveryKey: '' }),
      unlock: async () => undefined,
      restoreBackup: async () => ({ keptAs: null }),
      lock: () => undefined,
      vault: async () => vault,
      tokens: () => {
        throw new Error('not used');
      },
      tokenEntries: async () => ({}),
      changed: async () => undefined,
      onLock: () => undefined,
    },
    dialogs: { openFiles: async () => null, saveFile: async () => null, showRecoveryKey: async () => undefined },
    clipboard: { copy: async () => ({ clearsInSeconds: 30 }), copyPlain: async () => ({ clearsInSeconds: null }) },
    settings: { get: async () => DEFAULT_SETTINGS, set: async () => DEFAULT_SETTINGS },
    log: () => undefined,
  };
}

const CASES: { channel: Channel; request: unknown; what: string }[] = [
  { channel: 'app:version', request: undefined, what: 'no request' },
  { channel: 'integrations:get', request: { name: 'Analytics' }, what: 'a name' },
  { channel: 'secrets:copyClientSecret', request: { name: 'Analytics' }, what: 'a name, copies' },
  { channel: 'integrations:update', request: { name: 'Analytics', patch: { description: 'nightly', scopes: ['openid'] } }, what: 'a patch' },
  {
    channel: 'integrations:create',
    request: { fields: { kind: 'oauthS2S', name: 'New one', clientId: 'c2', clientSecrets: ['p8e-abcdefabcdef'], scopes: ['openid'], orgId: '1234567890ABCDEF12345678@AdobeOrg' } },
    what: 'full fields, model validation',
  },
];

async function perCallMs(calls: number, fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return (performance.now() - start) / calls;
}

export interface IpcBenchRow {
  channel: Channel;
  directMs: number;
  routedMs: number;
  overheadMs: number;
}

/** Median over `runs` batches of 2,000 calls each, per channel. */
export async function benchIpc(runs: number): Promise<IpcBenchRow[]> {
  const services = noOpServices();
  const handlers = createHandlers(services);
  const dispatch = createDispatcher(services, { appOrigin: 'app://keysmith' });
  const rows: IpcBenchRow[] = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const { channel, request } of CASES) {
    const parsed = REQUEST_SCHEMAS[channel].parse(request);
    const direct = () => (handlers[channel] as Handler<Channel>)(parsed as never);
    const routed = async () => {
      const result = await dispatch(channel, EVENT, [request]);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result;
    };
    await perCallMs(500, direct);
    await perCallMs(500, routed);
    const directs: number[] = [];
    const routeds: number[] = [];
    for (let r = 0; r < runs; r++) {
      directs.push(await perCallMs(2000, direct));
      routeds.push(await perCallMs(2000, routed));
    }
    const directMs = median(directs);
    const routedMs = median(routeds);
    rows.push({ channel, directMs, routedMs, overheadMs: Math.max(0, routedMs - directMs) });
  }
  const us = (n: number) => `${(n * 1000).toFixed(1)} µs`;
  printTable(
    `IPC router overhead per call (median of ${runs} x 2000 calls; target: under ${TARGET_MS} ms; the renderer-to-main round trip needs the Electron binary: not measured here)`,
    ['channel (request)', 'direct handler', 'through the router', 'router overhead', 'target'],
    rows.map((r, i) => [`${r.channel} (${CASES[i]!.what})`, us(r.directMs), us(r.routedMs), us(r.overheadMs), r.overheadMs < TARGET_MS ? 'met' : 'MISSED']),
  );
  return rows;
}

// Runs alone with `node --import tsx bench/ipc.bench.ts`.
if (process.argv[1] && /ipc\.bench\.ts$/.test(process.argv[1])) {
  benchIpc(Number(process.argv[2] ?? 9)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
