/**
 * An import file that names a key outside its folder (a .env pointing at ~/.ssh, say) is imported
 * without that key, and the plan says what to do about it: interop:importPreview and importApply
 * carry the candidate's keyAction, through the real router over a real vault, so the app can offer
 * "Generate key…" on the imported integration.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportItem, ImportPreview } from '../../electron/shared/ipc/contract';
import type { KeyPairSummary } from '../../electron/core/keys/keypair-store';
import { callOk, createHarness, type Harness } from '../support/ipc-harness';

const ORG = '1A2B3C4D5E6F7A8B9C0D1E2F@AdobeOrg';
const TECH = '4C5D6E7F8091A2B3C4D5E6F7@techacct.adobe.com';
const SECRET = 'p8e-FAKEkeyAction000000000000000000000';
let pem: string;

beforeAll(() => {
  pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
});

let h: Harness | null = null;
afterEach(() => {
  if (!h) return;
  h.dispose();
  rmSync(h.workDir, { recursive: true, force: true });
  h = null;
});

const env = (clientId: string, keyPath: string) =>
  [`CLIENT_ID=${clientId}`, `CLIENT_SECRET=${SECRET}`, `IMS_ORG_ID=${ORG}`, `TECHNICAL_ACCOUNT_ID=${TECH}`, 'METASCOPES=ent_cloudmgr_sdk', `PRIVATE_KEY_PATH=${keyPath}`, ''].join('\n');

/** A downloaded project folder, and a private key beside it (outside it), as ~/.ssh would be. */
async function setUp() {
  h = await createHarness({ passphrase: 'import key action passphrase', unlock: true });
  const project = path.join(h.workDir, 'Downloads', 'project');
  const outside = path.join(h.workDir, 'elsewhere');
  mkdirSync(path.join(project, 'keys'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, 'private.key'), pem, { mode: 0o600 });
  writeFileSync(path.join(project, 'keys', 'private.key'), pem, { mode: 0o600 });
  return { h, project, outside };
}

async function preview(h: Harness, file: string): Promise<Extract<ImportPreview, { cancelled: false }>> {
  h.dialogs.openQueue.push([file]);
  const p = await callOk<ImportPreview>(h, 'interop:importPreview');
  if (p.cancelled) throw new Error('the preview was cancelled');
  return p;
}

describe('interop:importPreview with a key file outside the import\'s folder', () => {
  it('plans the credential without the key and with generate_key, applies it, and the key can then be generated', async () => {
    const { h, project, outside } = await setUp();
    const file = path.join(project, 'credentials.env');
    writeFileSync(file, env('outside-key-client', path.join(outside, 'private.key')));

    const plan = await preview(h, file);
    expect(plan.items).toEqual([expect.objectContaining({ action: 'add', kind: 'jwt', clientId: 'outside-key-client', key: null, keyAction: 'generate_key' })]);
    expect(plan.warnings.join('\n')).toMatch(/which was not read: it is outside the folder of the file being imported/);
    // Neither the key nor the secret reaches the renderer.
    expect(JSON.stringify(plan)).not.toContain('BEGIN');
    expect(JSON.stringify(plan)).not.toContain(SECRET);

    const applied = await callOk<{ items: ImportItem[] }>(h, 'interop:importApply', { previewId: plan.previewId });
    expect(applied.items).toEqual([expect.objectContaining({ action: 'add', key: null, keyAction: 'generate_key' })]);
    const name = applied.items[0]!.targetName;
    expect(await callOk<KeyPairSummary[]>(h, 'keypairs:list', { name })).toEqual([]);

    // What "Generate key…" leads to: the new integration gets a key of its own.
    await callOk(h, 'keypairs:generate', { name, bits: 2048 });
    expect(await callOk<KeyPairSummary[]>(h, 'keypairs:list', { name })).toHaveLength(1);
  }, 120_000);

  it('a key inside the folder is read, and no action is offered', async () => {
    const { h, project } = await setUp();
    const file = path.join(project, 'credentials.env');
    writeFileSync(file, env('inside-key-client', './keys/private.key'));
    const plan = await preview(h, file);
    expect(plan.items).toHaveLength(1);
    expect(plan.items[0]!.key).toMatchObject({ isNew: true });
    expect(plan.items[0]).not.toHaveProperty('keyAction');
    expect(plan.warnings).toEqual([]);
  }, 120_000);

  it('a relative path climbing out of the folder is outside too', async () => {
    const { h, project } = await setUp();
    const file = path.join(project, 'credentials.env');
    writeFileSync(file, env('climbing-client', '../../elsewhere/private.key'));
    const plan = await preview(h, file);
    expect(plan.items).toEqual([expect.objectContaining({ key: null, keyAction: 'generate_key' })]);
  }, 120_000);
});
