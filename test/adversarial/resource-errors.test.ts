/**
 * How the CLI (and the IPC router) read when the machine says no: a reader that goes away
 * (`keysmith list | head -1`), a vault of 150,000 integrations, a full disk, a read-only mount, an
 * immutable folder, a folder without permission, a file size limit, too few file descriptors. Each
 * must be one sentence that says what happened and that nothing was lost, never a stack trace or
 * "Unexpected internal error", and the vault must still hold what it held.
 *
 * The file system failures are real: a tiny tmpfs (mount needs root with CAP_SYS_ADMIN; without it
 * those tests say why and skip, except under CI where they fail), `chattr +i`, `setpriv` dropping
 * root's permission override, `ulimit`. EDQUOT alone is injected: this needs a kernel built with
 * quota support, which a test cannot count on.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPath } from '../../electron/app-protocol';
import { runCli, tempDataDir } from '../support/cli';
import { bulkApiKeys, writeRawIntegrations } from '../support/raw-vault';

const PASSPHRASE = 'resource errors passphrase';

describe('a large vault', () => {
  it('lists 150,000 integrations', async () => {
    const dir = tempDataDir();
    await writeRawIntegrations(dir, PASSPHRASE, bulkApiKeys(150_000));
    const result = await runCli(['list'], { env: { KEYSMITH_HOME: dir, KEYSMITH_PASSPHRASE: PASSPHRASE } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(150_001);
    expect(lines.filter((l) => /^bulk-149999\s/.test(l))).toHaveLength(1);
  }, 180_000);
});

describe('data-sized arrays are never spread into a call', () => {
  // A spread passes each element as an argument, on the stack: past ~100,000 it throws RangeError.
  it('the app protocol resolves a URL of 500,000 path segments (1 MB, under the 2 MB URL cap of Chromium)', () => {
    const root = path.resolve('/srv/keysmith/dist/renderer');
    const result = resolveAppPath(root, `app://keysmith${'/a'.repeat(500_000)}`);
    expect(result).toMatchObject({ ok: true, filePath: [root, ...Array.from({ length: 500_000 }, () => 'a')].join(path.sep) });
  });
});
