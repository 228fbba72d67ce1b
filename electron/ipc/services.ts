/**
 * What the IPC handlers need from the rest of the app, as small interfaces. main.ts passes the real
 * ones (Electron dialogs and clipboard, the vault session); tests pass stand-ins for the parts that
 * need Electron and the real ones for everything else, so the router runs in plain Node.
 */
import type { Settings, SettingsPatch } from '../shared/settings-schema';
import type { CachedToken } from '../core/tokens/token-cache';
import type { TokenService } from '../core/tokens/token-service';
import type { Fetch } from '../core/tokens/token-http';
import type { NewUnlock, UnlockRequest, Vault } from '../core/vault';
import type { LockReason, VaultStatus } from '../shared/ipc/contract';

/**
 * The vault's state as the session knows it. `lastError` is what the last unlock threw (a domain
 * error, or anything unexpected, already logged); the vault handlers turn it into an IpcError.
 */
export type SessionStatus = Omit<VaultStatus, 'lastError'> & { lastError: unknown };

export interface VaultAccess {
  status(): Promise<SessionStatus>;
  /** Creates the vault and unlocks it; returns the recovery key for main to show, once. */
  create(how: NewUnlock): Promise<{ recoveryKey: string }>;
  unlock(request: UnlockRequest): Promise<void>;
  /** Puts the backup generation back in place of the vault (kept beside it) and unlocks it; only while locked. */
  restoreBackup(request: UnlockRequest): Promise<{ keptAs: string | null }>;
  lock(reason: LockReason): void;
  /** The unlocked vault, reloaded when another process (the CLI) changed the file; throws vault_locked. */
  vault(): Promise<Vault>;
  tokens(): TokenService;
  /** The token cache entries by integration id, read once for a whole listing. */
  tokenEntries(): Promise<Record<string, CachedToken>>;
  /** To be called after a write, so the refresh scheduler sees new or changed integrations. */
  changed(): Promise<void>;
  /** Called on every lock: handlers drop state derived from the vault (pending imports). */
  onLock(listener: () => void): void;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native dialogs live in main: the renderer never names a path on its own. */
export interface Dialogs {
  /** null when the user cancelled */
  openFiles(opts: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[] | null>;
  saveFile(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  /** Shows a new vault's recovery key to the user in main; it never reaches the renderer. */
  showRecoveryKey(recoveryKey: string): Promise<void>;
}

export interface SecretClipboard {
  copy(text: string): Promise<{ clearsInSeconds: number | null }>;
  copyPlain(text: string): Promise<{ clearsInSeconds: null }>;
}

export interface SettingsAccess {
  get(): Promise<Settings>;
  set(patch: SettingsPatch): Promise<Settings>;
  /** one line when the settings file could not be fully used (defaults stand in); absent: never */
  warning?(): Promise<string | undefined>;
}

export interface AppServices {
  appVersion: string;
  vault: VaultAccess;
  dialogs: Dialogs;
  clipboard: SecretClipboard;
  settings: SettingsAccess;
  /** Main-process log for unexpected failures; never sent to the renderer. */
  log(message: string, err?: unknown): void;
  now?(): Date;
  /** Opens the system browser at a URL (shell.openExternal): a person's sign-in, never an embedded window. */
  openExternal?(url: string): Promise<void>;
  /** The app's fetch (net.fetch), for requests beyond token minting (sign-in, the I/O Management API); global fetch when absent. */
  fetch?: Fetch;
}
