/**
 * Fixtures for tests that each need the same prepared vault: build the data directory once (in
 * beforeAll, through the real CLI or core), then give every test its own copy. Each test starts
 * from the same state and none sees another's changes, without paying for the preparation (scrypt,
 * RSA keys, CLI processes) again in every test.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A copy of the data directory `template` (at `copy`, else in a fresh temp folder), modes included; returns its path. */
export function copyDataDir(template: string, copy = path.join(mkdtempSync(path.join(tmpdir(), 'keysmith-copy-')), path.basename(template))): string {
  cpSync(template, copy, { recursive: true });
  copyModes(template, copy);
  return copy;
}

// cpSync keeps file modes but creates folders with the umask's, and the vault's folder is 0700.
function copyModes(from: string, to: string): void {
  chmodSync(to, statSync(from).mode & 0o7777);
  if (!statSync(from).isDirectory()) return;
  for (const name of readdirSync(from)) copyModes(path.join(from, name), path.join(to, name));
}
