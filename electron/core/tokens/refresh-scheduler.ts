/**
 * Keeps the tokens of auto-refresh integrations fresh in a long-running process (the app's main
 * process): each is re-minted when its refresh margin is reached, with jitter so integrations
 * minted together do not all call IMS in the same second. Failures are retried with capped
 * backoff; while a failing integration's token is close to expiry an `expiring` event says so.
 */
import { EventEmitter } from 'node:events';
import type { Integration } from '../integration';
import type { Vault } from '../vault';
import { effectiveMarginMs, type TokenService } from './token-service';

export type RefreshEvent =
  | { type: 'refreshed'; name: string; expiresAt: number }
  | { type: 'failed'; name: string; message: string; retryAt: number }
  | { type: 'expiring'; name: string; expiresAt: number };

export interface SchedulerOptions {
  now?: () => number;
  /** up to this much earlier than the margin, at random */
  maxJitterMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** `expiring` is emitted when a failing token has less than this left */
  expiringWithinMs?: number;
}

function isAutoRefreshed(i: Integration): boolean {
  return i.kind !== 'apiKey' && 'autoRefresh' in i && i.autoRefresh === true;
}

export class RefreshScheduler extends EventEmitter<{ event: [RefreshEvent] }> {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
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
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(integration: Integration, at: number): void {
    clearTimeout(this.timers.get(integration.id));
    if (this.stopped) return;
    const timer = setTimeout(() => void this.refresh(integration.id), Math.max(0, at - this.now()));
    timer.unref?.();
    this.timers.set(integration.id, timer);
  }

  private async planNext(integration: Integration): Promise<void> {
    const cached = await this.tokens.cached(integration.name);
    if (!cached) return this.schedule(integration, this.now());
    const margin = effectiveMarginMs(cached, integration);
    const jitter = Math.random() * Math.min(this.opts.maxJitterMs ?? 60_000, margin / 10);
    this.schedule(integration, cached.expiresAt - margin - jitter);
  }

  private async refresh(id: string): Promise<void> {
    const integration = this.vault.document.integrations.find((i) => i.id === id);
    if (!integration || !isAutoRefreshed(integration) || this.stopped) {
      this.timers.delete(id);
      return;
    }
    try {
      const result = await this.tokens.getToken(integration.name);
      if (result.refreshError) throw new Error(result.refreshError);
      this.failures.delete(id);
      this.emit('event', { type: 'refreshed', name: integration.name, expiresAt: result.expiresAt });
      await this.planNext(integration);
    } catch (err) {
      const count = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, count);
      const delay = Math.min((this.opts.firstRetryMs ?? 60_000) * 2 ** (count - 1), this.opts.maxRetryMs ?? 15 * 60_000);
      const retryAt = this.now() + delay;
      this.emit('event', { type: 'failed', name: integration.name, message: (err as Error).message, retryAt });
      const cached = await this.tokens.cached(integration.name).catch(() => null);
      if (cached && cached.expiresAt - this.now() < (this.opts.expiringWithinMs ?? 5 * 60_000)) {
        this.emit('event', { type: 'expiring', name: integration.name, expiresAt: cached.expiresAt });
      }
      this.schedule(integration, retryAt);
    }
  }
}
