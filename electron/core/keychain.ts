/**
 * The OS keychain, as the vault sees it: a place to keep one secret per vault. Injected, so the
 * vault's logic is independent of the store, and failures can be mapped to plain sentences once.
 */
import { KeysmithError } from './errors';

export interface Keychain {
  /** null when there is no entry for this account */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Keysmith vault key';

export function keychainUnavailable(detail: string): KeysmithError {
  return new KeysmithError('keychain_unavailable', `The OS keychain is not available (${detail})`, { action: 'use_passphrase' });
}

function mapKeyringError(err: unknown): KeysmithError {
  const text = err instanceof Error ? err.message : String(err);
  if (/locked|prompt was dismissed|unlock/i.test(text)) {
    return new KeysmithError(
      'keychain_locked',
      'The OS keychain is locked: unlock it (log in to your desktop session or unlock the "login" keyring) and try again',
      { cause: err },
    );
  }
  const detail = text.replace(/^.*?:\s*/, '').split('\n')[0]!.slice(0, 160);
  return keychainUnavailable(detail);
}

type KeyringModule = typeof import('@napi-rs/keyring');

/**
 * `@napi-rs/keyring`, pinned on Linux to the Secret Service: its default silently falls back to the
 * kernel keyring, which forgets everything at reboot and would leave the vault unopenable.
 */
export class OsKeychain implements Keychain {
  private module: Promise<KeyringModule> | undefined;

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  private async entry(account: string) {
    // Loaded on first use: commands that never touch the keychain do not pay for the native module.
    this.module ??= import('@napi-rs/keyring');
    let mod: KeyringModule;
    try {
      mod = await this.module;
    } catch (err) {
      throw keychainUnavailable(`the keyring module could not be loaded: ${(err as Error).message.split('\n')[0]}`);
    }
    try {
      return new mod.AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
    } catch (err) {
      throw mapKeyringError(err);
    }
  }

  async get(account: string): Promise<string | null> {
    const entry = await this.entry(account);
    try {
      return await entry.getPassword();
    } catch (err) {
      throw mapKeyringError(err);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    const entry = await this.entry(account);
    try {
      await entry.setPassword(secret);
    } catch (err) {
      throw mapKeyringError(err);
    }
  }

  async delete(account: string): Promise<boolean> {
    const entry = await this.entry(account);
    try {
      return await entry.deletePassword();
    } catch (err) {
      throw mapKeyringError(err);
    }
  }
}
