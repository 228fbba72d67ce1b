/**
 * Every read-only command that writes for people, on a real 80-column terminal, against a vault
 * whose names and descriptions are long and full of wide letters (CJK and emoji take two columns):
 * no line wider than 80 columns. Tables cut with "…"; prose and values wrap (a value a user may
 * copy is never cut, see show.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
import { runCli } from '../support/cli';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { PTY_TOOLS, onTerminal } from '../support/pty';
import { rotationFixture, type RotationFixture } from '../support/rotation-fixture';

const COLUMNS = 80;
const S2S = '東京本番環境の請求書サービス用サーバー間認証🔑🚀 — Cloud Manager 自動化パイプライン';
const JWT = '🧾 レガシー・サービスアカウント（JWT）欧州データセンター向けの署名鍵つき統合 ✨✨';
const USER = '👩‍💻 開発者サインイン：ステージング環境のユーザー認証（オフラインアクセス付き）';
const KEY = 'ストック画像APIキー 📷 とても長い名前のAPIキー統合でテーブルの幅を確かめる';
const DESCRIPTION = `${'この説明文は非常に長く、端末の幅を超えるように書かれています。絵文字も含みます 🎉🎉🎉 '.repeat(3)}and ASCII words too`;
const ORG = '1234567890ABCDEF12345678@AdobeOrg';

let ims: ImsEmulator;
let f: RotationFixture;

beforeAll(async () => {
  ims = await startImsEmulator();
  f = await rotationFixture(ims, { name: S2S });
  await f.ok(['edit', S2S, '--description', DESCRIPTION]);
  await f.ok(['add', 'jwt', '--name', JWT, '--client-id', 'jwt-80-columns-client-id-0123456789abcdef', '--org-id', ORG, '--technical-account-id', 'ABCDEF0123456789ABCDEF01@techacct.adobe.com',
    '--metascopes', 'ent_cloudmgr_sdk,ent_aem_cloud_api,ent_analytics_bulk_ingest_sdk', '--description', DESCRIPTION, '--client-secret-stdin'], 'p8e-jwt-secret-000000000000');
  const keysDir = mkdtempSync(path.join(tmpdir(), 'keysmith-80-'));
  await f.ok(['keygen', JWT, '--bits', '2048', '--cert-out', path.join(keysDir, 'cert.crt')]);
  await f.ok(['add', 'oauth-user', '--name', USER, '--client-id', 'native-app-with-a-long-client-id', '--scopes', 'openid,AdobeID,offline_access,additional_info.projectedProductContext,read_organizations', '--description', DESCRIPTION]);
  await f.ok(['add', 'apikey', '--name', KEY, '--client-id', 'stock-key-0123456789', '--org-id', ORG, '--description', DESCRIPTION]);
  // A cached token, so inspect has claims to show.
  await f.ok(['token', S2S]);
}, 180_000);
afterAll(() => ims?.close());

const COMMANDS: string[][] = [
  ['list'],
  ['status'],
  ['health'],
  ['formats'],
  ['help'],
  ...[S2S, JWT, USER, KEY].map((name) => ['show', name]),
  ['certs', JWT],
  ['whoami', USER],
  ['inspect', S2S],
  ['secrets', S2S],
];

describe.skipIf(PTY_TOOLS === null)(`on a ${COLUMNS}-column terminal`, () => {
  it.each(COMMANDS.map((args) => [args.join(' ').slice(0, 40), args]))('keysmith %s: no line wider than the terminal', async (_label, args) => {
    const { code, screen } = await onTerminal(args as string[], { ...f.env, TERM: 'xterm', NO_COLOR: '1' }, async () => undefined, { columns: COLUMNS });
    // health exits 3 when something is due; whoami 1 when a sign-in is needed: both still print for people.
    expect([0, 1, 3], screen).toContain(code);
    // eslint-disable-next-line no-control-regex -- measuring what is shown, not the escape sequences
    const lines = screen.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').split(/\r?\n/);
    const wide = lines.filter((line) => displayWidth(line) > COLUMNS).map((line) => `${displayWidth(line)}: ${line}`);
    expect(wide, screen).toEqual([]);
    expect(lines.join('\n').trim().length).toBeGreaterThan(0);
  });

  it('help for every command fits too', async () => {
    const names = (await runCli(['__complete', 'commands'], { env: f.env })).stdout.split('\n').filter(Boolean);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const { screen } = await onTerminal(['help', name], { TERM: 'xterm' }, async () => undefined, { columns: COLUMNS });
      const wide = screen.split(/\r?\n/).filter((line) => displayWidth(line) > COLUMNS);
      expect(wide, `keysmith help ${name}`).toEqual([]);
    }
  }, 300_000);
});
