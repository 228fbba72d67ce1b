/**
 * Keeps the tokens of auto-refresh integrations fresh in a long-running process (the app's main
 * process): each is re-minted when its refresh margin is reached, with jitter so integrations
 * minted together do not all call IMS in the same second. Failures are retried with capped
 * backoff; while a failing integration's token is close to expiry an `expiring` event says so.
 * Whatever a server claims (a token that lives 1 ms) or whatever fails (a cache that cannot be
 * written), one integration is never re-minted more often than once per `minIntervalMs`.
 */
import { EventEmitter } from 'node:events';
import type { Integration } from '../../shared/integration';
import type { Vault } from '../vault';
import { effectiveMarginMs, type TokenService } from './token-service';
import { KeysmithError, userMessage, type ErrorAction, type ErrorCode } from '../errors';

/** The floor between two scheduled mints of one integration. Adobe throttles clients that mint too often. */
export const MIN_REMINT_INTERVAL_MS = 30_000;

export type RefreshEvent =
  | { type: 'refreshed'; name: string; expiresAt: number }
  | { type: 'failed'; name: string; message: string; retryAt: number; code: ErrorCode; action?: ErrorAction }
  | { type: 'expiring'; name: string; expiresAt: number };

export interface SchedulerOptions {
  now?: () => number;
  /** up to this much earlier than the margin, at random */
  maxJitterMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** `expiring` is emitted when a failing token has less than this left */
  expiringWithinMs?: number;
  /** never re-mint one integration more often than this; default MIN_REMINT_INTERVAL_MS */
  minIntervalMs?: number;
}

function isAutoRefreshed(i: Integration): boolean {
  return i.kind !== 'apiKey' && 'autoRefresh' in i && i.autoRefresh === true;
}

export class RefreshScheduler extends EventEmitter<{ event: [RefreshEvent] }> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  /** when each integration's last scheduled mint started */
  private readonly lastAttempt = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly vault: Vault,
    private readonly tokens: TokenService,
    private readonly opts: SchedulerOptions = {},
  ) {
    super();
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Schedules every auto-refresh integration; call again after the vault changes. */
  async start(): Promise<void> {
    this.stopped = false;
    const wanted = new Set<string>();
    for (const integration of this.vault.document.integrations.filter(isAutoRefreshed)) {
      wanted.add(integration.id);
      if (!this.timers.has(integration.id)) await this.planNext(integration);
    }
    for (const [id, timer] of this.timers) {
      if (!wanted.has(id)) {
        clearTimeout(timer);
        this.timers.delete(id);
      }
    }
    for (const id of this.lastAttempt.keys()) if (!wanted.has(id)) this.lastAttempt.delete(id);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(integration: Integration, at: number): void {
    clearTimeout(this.timers.get(integration.id));
    if (this.stopped) return;
    const last = this.lastAttempt.get(integration.id);
    const earliest = last === undefined ? at : Math.max(at, last + (this.opts.minIntervalMs ?? MIN_REMINT_INTERVAL_MS));
    const timer = setTimeout(() => void this.refresh(integration.id), Math.max(0, earliest - this.now()));
    timer.unref?.();
    this.timers.set(integration.id, timer);
  }

  /** `token`: the one just obtained, which may not be in the cache (a full disk); else the cached one. */
  private async planNext(integration: Integration, token?: { expiresAt: number; mintedAt: number }): Promise<void> {
    const current = token ?? (await this.tokens.cached(integration.name));
    if (!current) return this.schedule(integration, this.now());
    const margin = effectiveMarginMs(current, integration);
    const jitter = Math.random() * Math.min(this.opts.maxJitterMs ?? 60_000, margin / 10);
    this.schedule(integration, current.expiresAt - margin - jitter);
  }

  private async refresh(id: string): Promise<void> {
    const integration = this.vault.document.integrations.find((i) => i.id === id);
    if (!integration || !isAutoRefreshed(integration) || this.stopped) {
      this.timers.delete(id);
      return;
    }
    this.lastAttempt.set(id, this.now());
    try {
      const result = await this.tokens.getToken(integration.name);
      if (result.refreshError) throw new Error(result.refreshError);
      this.failures.delete(id);
      this.emit('event', { type: 'refreshed', name: integration.name, expiresAt: result.expiresAt });
      await this.planNext(integration, result);
    } catch (err) {
      const count = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, count);
      const delay = Math.min((this.opts.firstRetryMs ?? 60_000) * 2 ** (count - 1), this.opts.maxRetryMs ?? 15 * 60_000);
      const retryAt = this.now() + delay;
      const known = err instanceof KeysmithError ? err : null;
      this.emit('event', {
        type: 'failed',
        name: integration.name,
        message: userMessage(err),
        retryAt,
        code: known?.code ?? 'token_unavailable',
        ...(known?.action !== undefined && { action: known.action }),
      });
      const cached = await this.tokens.cached(integration.name).catch(() => null);
      if (cached && cached.expiresAt - this.now() < (this.opts.expiringWithinMs ?? 5 * 60_000)) {
        this.emit('event', { type: 'expiring', name: integration.name, expiresAt: cached.expiresAt });
      }
      this.schedule(integration, retryAt);
    }
  }
}
