/** A keychain held in memory: for tests and benches whose subject is not the OS keychain itself. */
import type { Keychain } from '../../electron/core/keychain';

export class MemoryKeychain implements Keychain {
  readonly entries = new Map<string, string>();
  async get(account: string) {
    return this.entries.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.entries.set(account, secret);
  }
  async delete(account: string) {
    return this.entries.delete(account);
  }
}
