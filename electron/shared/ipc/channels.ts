/**
 * The names of every IPC channel and push event, and nothing else. The sandboxed preload bundles
 * this file alone (no zod, no core), so it stays a list of strings; the schemas and response types
 * for each name live in contract.ts, which is checked at compile time to cover exactly this list.
 * Names are `domain:action`; the preload turns them into `keysmith.domain.action(request)`.
 */
export const CHANNELS = [
  'app:version',

  'vault:status',
  'vault:create',
  'vault:unlock',
  'vault:lock',

  'integrations:list',
  'integrations:get',
  'integrations:create',
  'integrations:update',
  'integrations:delete',
  'integrations:duplicate',

  'keypairs:list',
  'keypairs:generate',
  'keypairs:import',
  'keypairs:setActive',
  'keypairs:remove',
  'keypairs:saveCertificate',

  'tokens:status',
  'tokens:mint',
  'tokens:copy',
  'tokens:setAutoRefresh',

  'secrets:copyClientSecret',
  'secrets:copyField',

  'interop:importPreview',
  'interop:importApply',
  'interop:export',

  'settings:get',
  'settings:set',

  'signin:start',
  'signin:status',
  'signin:signOut',
  'health:report',
  'rotation:secrets',
  'rotation:rotate',
  'vault:restoreBackup',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** What main pushes to the renderer; subscribed to with `keysmith.on(name, callback)`. */
export const EVENTS = [
  'token:refreshed',
  'token:failed',
  'token:expiring',
  'certificate:expiring',
  'vault:locked',
  'vault:unlocked',
  'settings:changed',
  'clipboard:cleared',
  'menu:search',
  'menu:newIntegration',
  'menu:copySelectedToken',
  'health:due',
  'notice:showIntegration',
  'notice:showHealth',
] as const;

export type EventName = (typeof EVENTS)[number];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}
