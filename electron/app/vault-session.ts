/**
 * The app's one unlocked vault, or none. Unlocking opens the vault and starts the token service and
 * the refresh scheduler over it; locking stops the scheduler and drops every reference to them, so
 * the decrypted document, the data key and the cached tokens become unreachable (JavaScript cannot
 * zero strings, so "wiped" means "unreferenced, for the collector"; the key Buffer is not zeroed
 * because an in-flight write may still be encrypting with it).
 *
 * No `electron` import: the app injects `net.fetch` and the OS keychain, tests a fetch and a
 * stand-in keychain, so this runs in plain Node.
 */
import { SessionStore } from '../core/signin/session-store';
import { EventEmitter } from 'node:events';
import { stat } from 'node:fs/promises';
import { isKeysmithError, KeysmithError } from '../core/errors';
import type { Keychain } from '../core/keychain';
import { RefreshScheduler, type RefreshEvent, type SchedulerOptions } from '../core/tokens/refresh-scheduler';
import { TokenCache, type CachedToken } from '../core/tokens/token-cache';
import type { Fetch } from '../core/tokens/token-http';
import { TokenService } from '../core/tokens/token-service';
import { Vault, type NewUnlock, type UnlockRequest } from '../core/vault';
import { findWrap } from '../core/vault-envelope';
import { vaultLocked } from '../ipc/errors';
import type { LockReason } from '../shared/ipc/contract';
import type { SessionStatus, VaultAccess } from '../ipc/services';

export interface VaultSessionOptions {
  dataDir: string;
  keychain: Keychain;
  fetch: Fetch;
  scheduler?: SchedulerOptions;
  log?: (message: string, err?: unknown) => void;
}

interface Unlocked {
  vault: Vault;
  tokens: TokenService;
  cache: TokenCache;
  scheduler: RefreshScheduler;
  /** size and mtime of the vault file when the document was last read */
  seen: string;
}

type SessionEvents = {
  refresh: [RefreshEvent];
  locked: [LockReason];
  unlocked: [];
  /** the document changed: by this app (after a write) or by another process (seen on reload) */
  changed: [];
};

async function fileStamp(path: string): Promise<string> {
  const s = await stat(path).catch(() => null);
  return s ? `${s.size}:${s.mtimeMs}` : 'missing';
}

export class VaultSession extends EventEmitter<SessionEvents> implements VaultAccess {
  private state: Unlocked | null = null;
  /** What the last unlock (or reading the vault's header) threw: a domain error, made an IpcError by the IPC layer. */
  private lastError: unknown = null;
  /** Unlock attempts run one at a time: a hostile renderer cannot run scrypt guesses in parallel. */
  private unlocking: Promise<void> = Promise.resolve();

  constructor(private readonly opts: VaultSessionOptions) {
    super();
  }

  get isUnlocked(): boolean {
    return this.state !== null;
  }

  async status(): Promise<SessionStatus> {
    const base = { dataDir: this.opts.dataDir, lastError: this.lastError };
    if (this.state) return { ...base, state: 'unlocked', methods: this.state.vault.unlockMethods };
    let header;
    try {
      header = await Vault.readHeader(this.opts.dataDir);
    } catch (err) {
      // An unreadable or tampered file is still "a vault that is locked"; the error says why.
      return { ...base, state: 'locked', methods: [], lastError: this.failed('reading the vault failed unexpectedly', err) };
    }
    if (!header) return { ...base, state: 'missing', methods: [] };
    return { ...base, state: 'locked', methods: header.wraps.map((w) => w.method) };
  }

  async create(how: NewUnlock): Promise<{ recoveryKey: string }> {
    return this.serially(async () => {
      const { vault, recoveryKey } = await Vault.create(this.opts.dataDir, how, { keychain: this.opts.keychain });
      await this.attach(vault);
      return { recoveryKey };
    });
  }

  async unlock(request: UnlockRequest): Promise<void> {
    await this.serially(async () => {
      if (this.state) return;
      try {
        const vault = await Vault.open(this.opts.dataDir, async () => request, { keychain: this.opts.keychain });
        if (request.method === 'recovery') await this.restoreKeychain(vault);
        await this.attach(vault);
      } catch (err) {
        this.lastError = this.failed('unlocking failed unexpectedly', err);
        throw err;
      }
    });
  }

  /**
   * The app's `keysmith restore-backup`: the vault that would not open is kept beside it, and the
   * backup generation, opened with what the user gave, becomes the vault. Refused while unlocked: a
   * vault that opens has nothing to be restored over, and the session would keep the newer document.
   */
  async restoreBackup(request: UnlockRequest): Promise<{ keptAs: string | null }> {
    return this.serially(async () => {
      if (this.state) throw new KeysmithError('invalid_input', 'The vault is open: there is nothing to restore');
      const { vault, keptAs } = await Vault.restoreBackup(this.opts.dataDir, async () => request, { keychain: this.opts.keychain });
      await this.attach(vault);
      return { keptAs };
    });
  }

  /** At start: open with the keychain when the vault has a keychain unlock; else wait for the user. */
  async autoUnlock(): Promise<boolean> {
    const header = await Vault.readHeader(this.opts.dataDir).catch(() => null);
    if (!header || !findWrap(header, 'keychain')) return false;
    try {
      await this.unlock({ method: 'keychain' });
      return true;
    } catch (err) {
      if (!isKeysmithError(err)) this.log('keychain unlock failed unexpectedly', err);
      return false;
    }
  }

  lock(reason: LockReason): void {
    const current = this.state;
    if (!current) return;
    this.state = null;
    current.scheduler.stop();
    current.scheduler.removeAllListeners();
    this.emit('locked', reason);
  }

  onLock(listener: () => void): void {
    this.on('locked', () => listener());
  }

  async vault(): Promise<Vault> {
    const current = this.current();
    // The CLI may have written since: reload when the file is not the one last read.
    const stamp = await fileStamp(current.vault.paths.vault);
    if (stamp !== current.seen) {
      await current.vault.reload();
      if (this.state === current) {
        current.seen = stamp;
        await current.scheduler.start();
        this.emit('changed');
      }
    }
    return current.vault;
  }

  tokens(): TokenService {
    return this.current().tokens;
  }

  /** Minted tokens from the cache; a person's access token from their sign-in (core/signin/). */
  async tokenEntries(): Promise<Record<string, CachedToken>> {
    const current = this.current();
    const [cached, sessions] = await Promise.all([current.cache.read(), new SessionStore(current.vault).readAll()]);
    const entries: Record<string, CachedToken> = { ...cached };
    for (const [id, s] of Object.entries(sessions)) {
      entries[id] = { accessToken: s.accessToken, tokenType: s.tokenType, expiresAt: s.expiresAt, mintedAt: s.mintedAt, credentialHash: s.credentialHash };
    }
    return entries;
  }

  async changed(): Promise<void> {
    const current = this.current();
    current.seen = await fileStamp(current.vault.paths.vault);
    await current.scheduler.start();
    this.emit('changed');
  }

  private current(): Unlocked {
    if (!this.state) throw vaultLocked();
    return this.state;
  }

  private async attach(vault: Vault): Promise<void> {
    const tokens = new TokenService(vault, { fetch: this.opts.fetch });
    const scheduler = new RefreshScheduler(vault, tokens, this.opts.scheduler);
    const unlocked: Unlocked = { vault, tokens, cache: new TokenCache(vault), scheduler, seen: await fileStamp(vault.paths.vault) };
    // A refresh already in flight when the vault locks must not be reported as if it still were open.
    scheduler.on('event', (event) => {
      if (this.state === unlocked) this.emit('refresh', event);
    });
    this.state = unlocked;
    this.lastError = null;
    this.emit('unlocked');
    await scheduler.start().catch((err) => this.log('the refresh scheduler did not start', err));
  }

  /**
   * After a recovery-key unlock, what `keysmith recover` does for a keychain vault: a fresh key in
   * the keychain when the one there no longer opens it, so the next start unlocks by itself. A
   * passphrase vault is left as it is (a new passphrase is the user's to choose, in the CLI), and
   * nothing ever moves into the keychain. Unlocking has succeeded either way.
   */
  private async restoreKeychain(vault: Vault): Promise<void> {
    if (!vault.unlockMethods.includes('keychain') || (await vault.keychainOpens())) return;
    await vault.setUnlock({ method: 'keychain' }).catch((err) => this.log('could not put a fresh vault key in the keychain after recovery', err));
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.unlocking.then(task, task);
    this.unlocking = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private log = (message: string, err?: unknown) => this.opts.log?.(message, err);

  /** `err` as kept for status(): a KeysmithError says what to do; anything else is a bug, logged here once. */
  private failed(message: string, err: unknown): unknown {
    if (!isKeysmithError(err)) this.log(message, err);
    return err;
  }
}
