/**
 * Exports are read by other programs, so they are tested by reading them back the way those
 * programs do: the .env with dotenv's own parsing (both the dotenv 16 Adobe's samples install and
 * the dotenv 8 aio-lib-core-config depended on), its AIO_ lines with aio-lib-core-config's key
 * mapping, and the curl snippets by running them with the real curl against the IMS emulator and
 * against a recorder that also receives Keysmith's own mint. And no secret, in any spelling, may
 * reach a file unless asked for.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { IntegrationFieldsSchema, type Integration, type IntegrationFieldsInput } from '../../electron/shared/integration';
import { EXPORT_FORMATS, exportIntegration, type ExportFormat } from '../../electron/core/interop/export/export-integration';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';
import { imsJwtClaims } from '../../electron/core/tokens/jwt-claims';
import { signRs256 } from '../../electron/core/tokens/jwt-sign';
import { mintToken } from '../../electron/core/tokens/mint-token';
import { startImsEmulator, type ImsEmulator } from '../support/ims-emulator';
import { requireTool } from '../support/requirements';

const run = promisify(execFile);
const META = { id: '0f8e3c52-6a1d-4c3b-9b7e-2d5f4a1c9e80', createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.000Z' };
const ORG = '12345678ABCDEF0123456789@AdobeOrg';
const TECH = '0A1B2C3D4E5F@techacct.adobe.com';
const CURL = requireTool('curl', 'the exported curl snippets are run by sh and curl');

/** motdotla/dotenv lib/main.js, v16 `parse`, ported line for line (no expansion, as dotenv does none). */
function dotenv16(src: string): Record<string, string> {
  const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;
  const obj: Record<string, string> = {};
  const lines = src.replace(/\r\n?/gm, '\n');
  let match: RegExpExecArray | null;
  while ((match = LINE.exec(lines)) != null) {
    let value = (match[2] || '').trim();
    const maybeQuote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    obj[match[1]!] = value;
  }
  return obj;
}

/** motdotla/dotenv lib/main.js, v8 `parse`, as aio-lib-core-config 1.x installed it. */
function dotenv8(src: string): Record<string, string> {
  const obj: Record<string, string> = {};
  for (const line of src.split(/\n|\r|\r\n/)) {
    const keyValue = line.match(/^\s*([\w.\-\\$]+)\s*=\s*(.*)?\s*$/);
    if (keyValue == null) continue;
    let val = keyValue[2] || '';
    const end = val.length - 1;
    const isDoubleQuoted = val[0] === '"' && val[end] === '"';
    const isSingleQuoted = val[0] === "'" && val[end] === "'";
    if (isSingleQuoted || isDoubleQuoted) {
      val = val.substring(1, end);
      if (isDoubleQuoted) val = val.replace(/\\n/g, '\n');
    } else {
      val = val.trim();
    }
    obj[keyValue[1]!] = val;
  }
  return obj;
}

/** adobe/aio-lib-core-config src/Config.js: AIO_<A>_<B> is a.b, lowercased, `__` a literal `_`. */
function aioConfigFromEnv(env: Record<string, string>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = key.match(/^AIO_(.+)/i);
    if (!match) continue;
    const parts = match[1]!.toLowerCase().split(/(?<!_)_(?!_)/).map((p) => p.replace(/__/g, '_'));
    let node = config;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  }
  return config;
}

function make(fields: IntegrationFieldsInput, keys?: StoredKeyPair[]): Integration {
  return { ...IntegrationFieldsSchema.parse(fields), ...META, ...(keys && { keys }) };
}

async function storedKey(active: boolean): Promise<StoredKeyPair> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: { CN: 'Keysmith test' }, days: 365 });
  const fingerprintSha256 = new X509Certificate(certificatePem).fingerprint256;
  return { id: fingerprintSha256, fingerprintSha256, privateKeyPem, certificatePem, bits: 2048, origin: 'generated', active, addedAt: META.createdAt };
}

let ims: ImsEmulator;
let oldKey: StoredKeyPair;
let key: StoredKeyPair;
let s2s: Extract<Integration, { kind: 'oauthS2S' }>;
let jwt: Integration;
let apiKey: Integration;
let oauth2: Integration;
let all: Integration[];

beforeAll(async () => {
  ims = await startImsEmulator();
  [oldKey, key] = await Promise.all([storedKey(false), storedKey(true)]);
  s2s = make({
    kind: 'oauthS2S', name: 'Cloud Manager', clientId: 's2s-client', clientSecrets: ['p8e-S2S-secret', 'p8e-rotated-S2S'],
    orgId: ORG, technicalAccountId: TECH, technicalAccountEmail: 'abc@techacct.adobe.com', scopes: ['openid', 'AdobeID', 'read_organizations'], imsEndpoint: ims.url,
  }) as Extract<Integration, { kind: 'oauthS2S' }>;
  jwt = make(
    { kind: 'jwt', name: 'AEM prod', clientId: 'jwt-client', clientSecrets: ['p8e-JWT-secret', 'p8e-rotated-JWT'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'], imsEndpoint: ims.url },
    [oldKey, key],
  );
  apiKey = make({ kind: 'apiKey', name: 'Stock', clientId: 'stock-key' });
  oauth2 = make(
    { kind: 'oauth2', name: 'Okta', clientId: 'okta-client', clientSecrets: ['okta-$ecret#1', 'okta-rotated'], tokenUrl: 'https://example.okta.com/token', authMethod: 'private_key_jwt', scopes: ['a', 'b'] },
    [oldKey, key],
  );
  all = [s2s, jwt, apiKey, oauth2];
  ims.registerClient({ clientId: 's2s-client', clientSecrets: ['p8e-S2S-secret'], orgId: ORG, technicalAccountId: TECH, scopes: ['openid', 'AdobeID', 'read_organizations'] });
  ims.registerClient({ clientId: 'jwt-client', clientSecrets: ['p8e-JWT-secret'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'], certificatesPem: [key.certificatePem] });
});

afterAll(async () => {
  await ims?.close();
});

const exportOf = (format: ExportFormat, integration: Integration, includeSecrets: boolean, accessToken?: string) =>
  exportIntegration(format, integration, { includeSecrets, ...(accessToken !== undefined && { accessToken }) });

describe('the .env read back by dotenv', () => {
  it.each([
    ['dotenv 16', dotenv16],
    ['dotenv 8', dotenv8],
  ])('gives exactly the values, the multi-line private key included (%s)', (_name, parse) => {
    expect(parse(exportOf('env', jwt, true).content)).toEqual({
      CLIENT_ID: 'jwt-client',
      CLIENT_SECRET: 'p8e-JWT-secret',
      ORGANIZATION_ID: ORG,
      TECHNICAL_ACCOUNT_ID: TECH,
      META_SCOPES: 'ent_aem_cloud_api',
      TOKEN_URL: `${ims.url}/ims/exchange/jwt`,
      PRIVATE_KEY: key.privateKeyPem,
      AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__ID: 'jwt-client',
      AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__SECRET: 'p8e-JWT-secret',
      AIO_IMS_CONTEXTS_AEM__PROD_TECHNICAL__ACCOUNT__ID: TECH,
      AIO_IMS_CONTEXTS_AEM__PROD_IMS__ORG__ID: ORG,
      AIO_IMS_CONTEXTS_AEM__PROD_META__SCOPES: '["ent_aem_cloud_api"]',
      AIO_IMS_CONTEXTS_AEM__PROD_PRIVATE__KEY: key.privateKeyPem,
      // aio has no setting for another IMS; Keysmith keeps it for its own import
      AIO_IMS_CONTEXTS_AEM__PROD_IMS__ENDPOINT: ims.url,
    });
    // Left-out secrets are comments: nothing, not even an empty variable.
    expect(Object.keys(parse(exportOf('env', s2s, false).content))).not.toContain('CLIENT_SECRET');
    expect(parse(exportOf('env', oauth2, true).content)).toEqual({
      CLIENT_ID: 'okta-client', TOKEN_URL: 'https://example.okta.com/token', AUTH_METHOD: 'private_key_jwt', SCOPES: 'a b', PRIVATE_KEY: key.privateKeyPem,
    });
  });

  it.each(["p8e-it's", 'p8e-$HOME#x"y\\z`w', "p8e-'quoted'#", 'p8e-a=b%2F'])('keeps the secret %s unchanged in both dotenv versions', (secret) => {
    const content = exportOf('env', { ...s2s, clientSecrets: [secret] }, true).content;
    for (const parse of [dotenv16, dotenv8]) {
      const env = parse(content);
      expect(env.CLIENT_SECRET).toBe(secret);
      expect(JSON.parse(env.AIO_IMS_CONTEXTS_CLOUD__MANAGER_CLIENT__SECRETS!)).toEqual([secret]);
    }
  });

  it('refuses a value no .env quoting can carry, rather than write one that reads back differently', () => {
    let error: unknown;
    try {
      exportOf('env', { ...s2s, clientSecrets: [`p8e-it's-"x"`] }, true);
    } catch (e) {
      error = e;
    }
    expect(isKeysmithError(error, 'invalid_input')).toBe(true);
    expect((error as Error).message).toMatch(/^The CLIENT_SECRET value cannot be written to a \.env file .*choose the aio or Postman format instead$/);
    // Without secrets the secret is never quoted, so the export still works.
    expect(exportOf('env', { ...s2s, clientSecrets: [`p8e-it's-"x"`] }, false).containsSecrets).toBe(false);
  });

  it('gives aio, through its .env key mapping, the same contexts as --format aio', () => {
    for (const integration of [s2s, jwt, apiKey]) {
      const fromEnv = aioConfigFromEnv(dotenv16(exportOf('env', integration, true).content)) as { ims: { contexts: Record<string, Record<string, string>> } };
      const fromJson = JSON.parse(exportOf('aio', integration, true).content) as { ims: { contexts: Record<string, Record<string, unknown>> } };
      expect(Object.keys(fromEnv.ims.contexts)).toEqual(Object.keys(fromJson.ims.contexts));
      const [name] = Object.keys(fromJson.ims.contexts);
      const envContext = fromEnv.ims.contexts[name!]!;
      // aio-lib-ims-jwt (src/helpers.js parseJson) and `aio app use` carry arrays in .env as JSON text.
      const decoded = Object.fromEntries(Object.entries(envContext).map(([k, v]) => [k, v.startsWith('[') ? JSON.parse(v) : v]));
      expect(decoded).toEqual(fromJson.ims.contexts[name!]);
    }
  });
});

describe('the aio context', () => {
  it('has exactly the fields aio-lib-ims reads for each kind', () => {
    // On prod IMS: another one adds Keysmith's ims_endpoint, which aio ignores.
    const fields = (integration: Integration, includeSecrets: boolean) =>
      Object.keys(
        Object.values(JSON.parse(exportOf('aio', { ...integration, imsEndpoint: 'https://ims-na1.adobelogin.com' } as Integration, includeSecrets).content).ims.contexts)[0] as object,
      ).sort();
    // adobe/aio-lib-ims-oauth src/ims-oauth_server_to_server.js, required keys
    expect(fields(s2s, true)).toEqual(['client_id', 'client_secrets', 'ims_org_id', 'scopes', 'technical_account_email', 'technical_account_id']);
    // adobe/aio-lib-ims-jwt src/ims-jwt.js, required keys (technical_account_email is optional there, and absent here)
    expect(fields(jwt, true)).toEqual(['client_id', 'client_secret', 'ims_org_id', 'meta_scopes', 'private_key', 'technical_account_id']);
    expect(fields(jwt, false)).toEqual(['client_id', 'ims_org_id', 'meta_scopes', 'technical_account_id']);
    expect(fields(apiKey, true)).toEqual(['client_id']);
  });
});

describe('secrets', () => {
  /** Every spelling a secret could take in an export: as is, and each line of each key's base64. */
  function traces(integration: Integration): string[] {
    const secrets = 'clientSecrets' in integration ? integration.clientSecrets : [];
    const keyLines = (integration.keys ?? []).flatMap((k) => {
      const body = k.privateKeyPem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----'));
      return [...body, body.join('')];
    });
    return [...secrets, ...secrets.map((s) => Buffer.from(s).toString('base64')), ...keyLines];
  }

  it('never appear without includeSecrets, in any format, and containsSecrets says so', () => {
    for (const integration of all) {
      for (const format of EXPORT_FORMATS) {
        if (format === 'aio' && integration.kind === 'oauth2') continue;
        const { content, containsSecrets } = exportOf(format, integration, false);
        for (const trace of traces(integration)) expect(content, `${format} ${integration.kind}`).not.toContain(trace);
        expect(content).not.toMatch(/PRIVATE KEY-----(\\n|\n)?[A-Za-z0-9+/]/);
        expect(containsSecrets, `${format} ${integration.kind}`).toBe(false);
      }
    }
  });

  it('with includeSecrets, hold only the secret and key in use, and containsSecrets is true iff one is there', () => {
    const unused = [
      'p8e-rotated-S2S', 'p8e-rotated-JWT', 'okta-rotated',
      ...oldKey.privateKeyPem.split('\n').filter((l) => l.length > 0 && !l.startsWith('-----')),
    ];
    for (const integration of all) {
      for (const format of EXPORT_FORMATS) {
        if (format === 'aio' && integration.kind === 'oauth2') continue;
        const { content, containsSecrets } = exportOf(format, integration, true);
        for (const trace of unused) expect(content, `${format} ${integration.kind}`).not.toContain(trace);
        const present = traces(integration).some((t) => content.includes(t));
        expect(containsSecrets, `${format} ${integration.kind}`).toBe(present);
      }
    }
    // The private key only goes where a tool can sign with it: .env, aio, and Postman (Adobe's
    // collections sign the JWT in a pre-request script from PRIVATE_KEY); never curl.
    const bodyLine = key.privateKeyPem.split('\n')[1]!;
    expect(exportOf('env', jwt, true).content).toContain(bodyLine);
    expect(exportOf('aio', jwt, true).content).toContain(bodyLine);
    expect(exportOf('postman', jwt, true).content).toContain(bodyLine);
    expect(exportOf('curl', jwt, true).content).not.toContain(bodyLine);
  });

  it('counts an access token handed in as a secret', () => {
    for (const format of ['postman', 'curl'] as const) {
      const result = exportOf(format, s2s, false, 'eyJ.a.b');
      expect(result.content).toContain('eyJ.a.b');
      expect(result.containsSecrets).toBe(true);
    }
  });
});

describe.skipIf(CURL === null)('the curl snippets, run by sh and curl', () => {
  const sh = async (script: string, env: Record<string, string> = {}) =>
    (await run('/bin/sh', ['-c', script], { env: { PATH: `${path.dirname(CURL!)}:/usr/bin:/bin`, ...env }, timeout: 30_000 })).stdout;

  it('mint an OAuth Server-to-Server token at the IMS emulator, with the secret inline or from $CLIENT_SECRET', async () => {
    const inline = JSON.parse(await sh(exportOf('curl', s2s, true).content));
    expect(inline.access_token).toMatch(/^ey/);
    expect(inline.expires_in).toBe(86_399);
    const fromVariable = JSON.parse(await sh(exportOf('curl', s2s, false).content, { CLIENT_SECRET: 'p8e-S2S-secret' }));
    expect(fromVariable.access_token).toMatch(/^ey/);
  });

  it('exchange a JWT signed with the active key at the IMS emulator', async () => {
    const jwtToken = await signRs256(imsJwtClaims({ ...(jwt as Extract<Integration, { kind: 'jwt' }>) }), key.privateKeyPem);
    const answer = JSON.parse(await sh(exportOf('curl', jwt, true).content, { JWT_TOKEN: jwtToken }));
    expect(answer.access_token).toMatch(/^ey/);
    expect(answer.expires_in).toBe(86_399_999);
  });

  it('call an API with the headers, and an API key alone', async () => {
    const calls: Record<string, string | string[] | undefined>[] = [];
    const server: Server = createServer((req, res) => {
      calls.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/programs`;
    try {
      const script = exportOf('curl', s2s, false, 'eyJ.token').content.split('\n\n')[1]!;
      await sh(script, { API_URL });
      await sh(exportOf('curl', apiKey, false).content, { API_URL });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(calls[0]).toMatchObject({ authorization: 'Bearer eyJ.token', 'x-api-key': 's2s-client', 'x-gw-ims-org-id': ORG });
    expect(calls[1]).toMatchObject({ 'x-api-key': 'stock-key' });
    expect(calls[1]!.authorization).toBeUndefined();
  });

  it('send what Keysmith itself sends, for every generic OAuth 2.0 client authentication', async () => {
    interface Seen {
      form: Record<string, string>;
      authorization: string | undefined;
      contentType: string | undefined;
    }
    const seen: Seen[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ form: Object.fromEntries(new URLSearchParams(body)), authorization: req.headers.authorization, contentType: req.headers['content-type']?.split(';')[0] });
        res.setHeader('content-type', 'application/json');
        res.end('{"access_token":"at","token_type":"bearer","expires_in":3600}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
    // Every character a secret may hold that a shell or a form would otherwise change.
    const secret = `s3c/r+e=t%&'"$\`!:x`;
    try {
      for (const authMethod of ['client_secret_basic', 'client_secret_post'] as const) {
        const client = make({ kind: 'oauth2', name: 'Echo', clientId: 'id:é/1', clientSecrets: [secret], tokenUrl, authMethod, scopes: ['read', 'write'], audience: 'https://api.example.com' });
        await mintToken(client, { fetch: globalThis.fetch, attempts: 1 });
        await sh(exportOf('curl', client, true).content);
        const [mint, curl] = seen.splice(0);
        expect(curl, authMethod).toEqual(mint);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
