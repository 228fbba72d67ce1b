/**
 * The app's export over IPC with the CLI's options: an aio context name (the same rule as
 * `--context`, checked before any handler runs), the current token (`--with-token`, postman and curl
 * only), and the warnings every format returns. Real vault, real emulator, real files.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportSaveResult } from '../../electron/shared/ipc/contract';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { callOk, createHarness, type Harness } from '../support/ipc-harness';

const PASSPHRASE = 'export options passphrase';
const ORG = '1234567890ABCDEF12345678@AdobeOrg';
const SECRET = 'p8e-CANARY-export-0123456789abcdef';

let ims: ImsEmulator;
let h: Harness;

beforeEach(async () => {
  ims = await startImsEmulator();
  ims.registerClient({ clientId: 'export-client', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid', 'AdobeID'] });
  h = await createHarness({ passphrase: PASSPHRASE, unlock: true });
  await ok('integrations:create', { fields: { kind: 'oauthS2S', name: 'Export Me', clientId: 'export-client', clientSecrets: [SECRET], orgId: ORG, scopes: ['openid', 'AdobeID'], imsEndpoint: ims.url, technicalAccountId: 'T1@techacct.adobe.com', technicalAccountEmail: 't1@techacct.adobe.com' } });
  await ok('integrations:create', { fields: { kind: 'apiKey', name: 'Just A Key', clientId: 'key-client' } });
}, 60_000);
afterEach(async () => {
  h.dispose();
  await ims.close();
});

const ok = <T>(channel: string, request?: unknown): Promise<T> => callOk<T>(h, channel, request);

function target(file: string): string {
  const out = path.join(h.workDir, file);
  h.dialogs.saveQueue.push(out);
  return out;
}

describe('interop:export options', () => {
  it('writes the aio context under the name asked for, and returns the warnings the CLI prints', async () => {
    const out = target('aio.json');
    const saved = await ok<ExportSaveResult>('interop:export', { name: 'Export Me', format: 'aio', context: 'my-ctx_1' });
    expect(saved).toMatchObject({ saved: true, path: out });
    // Not the default endpoint, and no secret asked for: aio will do both differently, and says so.
    expect(saved.warnings).toEqual([expect.stringContaining(`not ${ims.url}`), expect.stringContaining('left out because secrets are exported only when asked for')]);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { ims: { contexts: Record<string, { client_id: string }> } };
    expect(Object.keys(written.ims.contexts)).toEqual(['my-ctx_1']);
    expect(written.ims.contexts['my-ctx_1']!.client_id).toBe('export-client');
    expect(readFileSync(out, 'utf8')).not.toContain(SECRET);

    // The .env carries the same context name, in the variables aio-lib-core-config reads.
    const envOut = target('ctx.env');
    const env = await ok<ExportSaveResult>('interop:export', { name: 'Export Me', format: 'env', includeSecrets: true, context: 'my-ctx_1' });
    expect(env.saved).toBe(true);
    expect(env.warnings).not.toContainEqual(expect.stringContaining('left out'));
    // aio-lib-core-config's spelling: `_` doubled, the context name kept, so it reads back as ims.contexts["my-ctx_1"].
    expect(readFileSync(envOut, 'utf8')).toContain("AIO_IMS_CONTEXTS_MY-CTX__1_CLIENT__ID='export-client'");
    expect(statSync(envOut).mode & 0o777).toBe(0o600);
  });

  it('returns the warnings when the save is cancelled too, and writes nothing', async () => {
    const answer = await ok<ExportSaveResult>('interop:export', { name: 'Export Me', format: 'aio' });
    expect(answer).toEqual({ saved: false, warnings: expect.arrayContaining([expect.stringContaining('left out')]) });
  });

  it('includes the current token for postman and curl, minted when none is cached, and the cached one after', async () => {
    const out = target('postman.json');
    const saved = await ok<ExportSaveResult>('interop:export', { name: 'Export Me', format: 'postman', withToken: true });
    expect(saved.saved).toBe(true);
    await ok('tokens:copy', { name: 'Export Me', format: 'raw' });
    const token = h.board.text;
    expect(token.length).toBeGreaterThan(10);
    const values = (JSON.parse(readFileSync(out, 'utf8')) as { values: { key: string; value: string }[] }).values;
    expect(values.find((v) => v.key === 'access_token')?.value).toBe(token);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const curl = target('token.sh');
    await ok('interop:export', { name: 'Export Me', format: 'curl', withToken: true });
    expect(readFileSync(curl, 'utf8')).toContain(token);
  });

  it('refuses what the CLI refuses, before any handler runs, with the field it is about', async () => {
    const refusals: [unknown, string][] = [
      [{ name: 'Export Me', format: 'aio', context: 'Has Spaces' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 'UPPER' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 'a.b' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: '-lead' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: '' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 'x'.repeat(65) }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 'x'.repeat(500_000) }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 'ctx\u001b[31m' }, 'context'],
      [{ name: 'Export Me', format: 'aio', context: 42 }, 'context'],
      [{ name: 'Export Me', format: 'postman', context: 'fine' }, 'context'],
      [{ name: 'Export Me', format: 'env', withToken: true }, 'withToken'],
      [{ name: 'Export Me', format: 'aio', withToken: true }, 'withToken'],
      [{ name: 'Export Me', format: 'curl', withToken: 'yes' }, 'withToken'],
      [{ name: 'Just A Key', format: 'postman', withToken: true }, 'withToken'],
    ];
    for (const [request, field] of refusals) {
      const result = await h.call('interop:export', request);
      expect(result, JSON.stringify(request).slice(0, 120)).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      if (!result.ok) expect(result.error.message).not.toContain('x'.repeat(100));
    }
    const spaced = await h.call('interop:export', { name: 'Export Me', format: 'aio', context: 'Has Spaces' });
    expect(spaced).toMatchObject({ error: { message: expect.stringMatching(/lowercase letters, digits, - and _/) } });
    // Nothing asked for a dialog, so nothing was written.
    expect(h.dialogs.titles).toEqual([]);
  });
});
