/**
 * The exact text of every export format for each kind of integration: these files are read by other
 * tools (dotenv, the aio CLI, Postman, a shell), so a changed byte is a changed contract. The JWT
 * integration carries two real keys (node:crypto RSA, certificates from createSelfSignedCertificate);
 * the active one, not the first, must be the one exported.
 */
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isKeysmithError } from '../../electron/core/errors';
import { IntegrationFieldsSchema, type Integration, type IntegrationFieldsInput } from '../../electron/shared/integration';
import { EXPORT_FORMATS, exportIntegration, type ExportFormat } from '../../electron/core/interop/export/export-integration';
import { createSelfSignedCertificate } from '../../electron/core/keys/certificate';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';
import { INCLUDE_SECRETS_HINT, NO_KEY_PAIR_YET } from '../../electron/core/interop/export/export-types';

const META = { id: '0f8e3c52-6a1d-4c3b-9b7e-2d5f4a1c9e80', createdAt: '2025-01-02T03:04:05.000Z', updatedAt: '2025-01-02T03:04:05.000Z' };
const NOW = new Date('2025-03-04T05:06:07.000Z');
const ORG = '12345678ABCDEF0123456789@AdobeOrg';
const TECH = '0A1B2C3D4E5F@techacct.adobe.com';
const HINT = INCLUDE_SECRETS_HINT;

function make(fields: IntegrationFieldsInput, keys?: StoredKeyPair[]): Integration {
  return { ...IntegrationFieldsSchema.parse(fields), ...META, ...(keys && { keys }) };
}

async function storedKey(active: boolean): Promise<StoredKeyPair> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const certificatePem = await createSelfSignedCertificate({ privateKeyPem, subject: { CN: 'AEM prod' }, days: 365 });
  const fingerprintSha256 = new X509Certificate(certificatePem).fingerprint256;
  return { id: fingerprintSha256, fingerprintSha256, privateKeyPem, certificatePem, bits: 2048, origin: 'generated', active, addedAt: META.createdAt };
}

let oldKey: StoredKeyPair;
let activeKey: StoredKeyPair;
let s2s: Integration;
let jwt: Integration;
let apiKey: Integration;
let oauth2: Integration;
/** the active key's PEM as dotenv's double quotes spell it */
let pemEnv: string;

beforeAll(async () => {
  [oldKey, activeKey] = await Promise.all([storedKey(false), storedKey(true)]);
  pemEnv = activeKey.privateKeyPem.replace(/\n/g, '\\n');
  s2s = make({
    kind: 'oauthS2S',
    name: 'Cloud Manager (prod)',
    clientId: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
    clientSecrets: ['p8e-S2S-secret-0001', 'p8e-rotated-0002'],
    orgId: ORG,
    technicalAccountId: TECH,
    technicalAccountEmail: 'abc@techacct.adobe.com',
    scopes: ['openid', 'AdobeID', 'read_organizations'],
  });
  jwt = make(
    { kind: 'jwt', name: 'AEM prod', clientId: 'cm-p1234-e5678', clientSecrets: ['p8e-JWT-secret'], orgId: ORG, technicalAccountId: TECH, metascopes: ['ent_aem_cloud_api'] },
    [oldKey, activeKey],
  );
  apiKey = make({ kind: 'apiKey', name: 'Stock search', clientId: 'stock-key-123', orgId: ORG });
  oauth2 = make({
    kind: 'oauth2',
    name: 'Okta service',
    clientId: '0oa1b2c3',
    clientSecrets: ['okta-secret'],
    tokenUrl: 'https://example.okta.com/oauth2/default/v1/token',
    authMethod: 'client_secret_post',
    scopes: ['read', 'write'],
    audience: 'api://default',
  });
});

const run = (format: ExportFormat, integration: Integration, includeSecrets = false, accessToken?: string) =>
  exportIntegration(format, integration, { includeSecrets, ...(accessToken !== undefined && { accessToken }), now: NOW });

describe('notes written into exported files', () => {
  it('name no CLI flag or command: the app writes the same files', () => {
    for (const note of [INCLUDE_SECRETS_HINT, NO_KEY_PAIR_YET]) expect(note).not.toMatch(/--|keysmith /);
  });
});

describe('env', () => {
  it('writes an OAuth Server-to-Server integration with the secret line commented out', () => {
    expect(run('env', s2s)).toEqual({
      fileName: 'cloud-manager-prod.env',
      containsSecrets: false,
      warnings: ['aio-lib-ims will refuse this context until it has client_secrets, left out because secrets are exported only when asked for'],
      content: `# "Cloud Manager (prod)": OAuth Server-to-Server, exported by Keysmith.
# Names as Adobe's samples read them; quoted so that dotenv reads every value back unchanged.
CLIENT_ID='1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'
# CLIENT_SECRET=  # ${HINT}
ORGANIZATION_ID='${ORG}'
TECHNICAL_ACCOUNT_ID='${TECH}'
TECHNICAL_ACCOUNT_EMAIL='abc@techacct.adobe.com'
SCOPES='openid,AdobeID,read_organizations'
TOKEN_URL='https://ims-na1.adobelogin.com/ims/token/v3'

# The same credential as the aio CLI reads it from a .env: IMS context "cloud_manager_prod".
AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_CLIENT__ID='1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'
# AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_CLIENT__SECRETS=  # ${HINT}
AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_TECHNICAL__ACCOUNT__ID='${TECH}'
AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_TECHNICAL__ACCOUNT__EMAIL='abc@techacct.adobe.com'
AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_IMS__ORG__ID='${ORG}'
AIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_SCOPES='["openid","AdobeID","read_organizations"]'
`,
    });
  });

  it('writes only the secret in use (the first), when asked', () => {
    const { content, containsSecrets } = run('env', s2s, true);
    expect(containsSecrets).toBe(true);
    expect(content).toContain("\nCLIENT_SECRET='p8e-S2S-secret-0001'\n");
    expect(content).toContain(`\nAIO_IMS_CONTEXTS_CLOUD__MANAGER__PROD_CLIENT__SECRETS='["p8e-S2S-secret-0001"]'\n`);
    expect(content).not.toContain('p8e-rotated-0002');
  });

  it('writes a JWT integration with its active private key as one double-quoted line', () => {
    expect(run('env', jwt, true)).toEqual({
      fileName: 'aem-prod.env',
      containsSecrets: true,
      warnings: [],
      content: `# "AEM prod": Service Account (JWT), exported by Keysmith.
# Names as Adobe's samples read them; quoted so that dotenv reads every value back unchanged.
CLIENT_ID='cm-p1234-e5678'
CLIENT_SECRET='p8e-JWT-secret'
ORGANIZATION_ID='${ORG}'
TECHNICAL_ACCOUNT_ID='${TECH}'
META_SCOPES='ent_aem_cloud_api'
TOKEN_URL='https://ims-na1.adobelogin.com/ims/exchange/jwt'
PRIVATE_KEY="${pemEnv}"

# The same credential as the aio CLI reads it from a .env: IMS context "aem_prod".
AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__ID='cm-p1234-e5678'
AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__SECRET='p8e-JWT-secret'
AIO_IMS_CONTEXTS_AEM__PROD_TECHNICAL__ACCOUNT__ID='${TECH}'
AIO_IMS_CONTEXTS_AEM__PROD_IMS__ORG__ID='${ORG}'
AIO_IMS_CONTEXTS_AEM__PROD_META__SCOPES='["ent_aem_cloud_api"]'
AIO_IMS_CONTEXTS_AEM__PROD_PRIVATE__KEY="${pemEnv}"
`,
    });
  });

  it('keeps the JWT secret lines, commented out, without secrets', () => {
    expect(run('env', jwt).content).toBe(`# "AEM prod": Service Account (JWT), exported by Keysmith.
# Names as Adobe's samples read them; quoted so that dotenv reads every value back unchanged.
CLIENT_ID='cm-p1234-e5678'
# CLIENT_SECRET=  # ${HINT}
ORGANIZATION_ID='${ORG}'
TECHNICAL_ACCOUNT_ID='${TECH}'
META_SCOPES='ent_aem_cloud_api'
TOKEN_URL='https://ims-na1.adobelogin.com/ims/exchange/jwt'
# PRIVATE_KEY=  # ${HINT}

# The same credential as the aio CLI reads it from a .env: IMS context "aem_prod".
AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__ID='cm-p1234-e5678'
# AIO_IMS_CONTEXTS_AEM__PROD_CLIENT__SECRET=  # ${HINT}
AIO_IMS_CONTEXTS_AEM__PROD_TECHNICAL__ACCOUNT__ID='${TECH}'
AIO_IMS_CONTEXTS_AEM__PROD_IMS__ORG__ID='${ORG}'
AIO_IMS_CONTEXTS_AEM__PROD_META__SCOPES='["ent_aem_cloud_api"]'
# AIO_IMS_CONTEXTS_AEM__PROD_PRIVATE__KEY=  # ${HINT}
`);
  });

  it('says so when a JWT integration has no key yet', () => {
    const keyless = { ...jwt, keys: [] };
    const { content, containsSecrets } = run('env', keyless, true);
    expect(content).toContain(`\n# PRIVATE_KEY=  # ${NO_KEY_PAIR_YET}\n`);
    expect(containsSecrets).toBe(true); // the client secret is still there
  });

  it('writes an API key integration with the key and its org', () => {
    expect(run('env', apiKey, true)).toEqual({
      fileName: 'stock-search.env',
      containsSecrets: false,
      warnings: [],
      content: `# "Stock search": API key, exported by Keysmith.
# Names as Adobe's samples read them; quoted so that dotenv reads every value back unchanged.
API_KEY='stock-key-123'
ORGANIZATION_ID='12345678ABCDEF0123456789@AdobeOrg'

# The same credential as the aio CLI reads it from a .env: IMS context "stock_search".
AIO_IMS_CONTEXTS_STOCK__SEARCH_CLIENT__ID='stock-key-123'
AIO_IMS_CONTEXTS_STOCK__SEARCH_IMS__ORG__ID='12345678ABCDEF0123456789@AdobeOrg'
`,
    });
  });

  it('writes a generic OAuth 2.0 integration without an aio part', () => {
    expect(run('env', oauth2)).toEqual({
      fileName: 'okta-service.env',
      containsSecrets: false,
      warnings: [],
      content: `# "Okta service": OAuth 2.0 client credentials, exported by Keysmith.
# Quoted so that dotenv reads every value back unchanged.
CLIENT_ID='0oa1b2c3'
# CLIENT_SECRET=  # ${HINT}
TOKEN_URL='https://example.okta.com/oauth2/default/v1/token'
AUTH_METHOD='client_secret_post'
SCOPES='read write'
AUDIENCE='api://default'
`,
    });
  });
});

describe('aio', () => {
  it('writes an OAuth Server-to-Server context with client_secrets only when asked', () => {
    const context = {
      client_id: '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6',
      technical_account_id: TECH,
      technical_account_email: 'abc@techacct.adobe.com',
      ims_org_id: ORG,
      scopes: ['openid', 'AdobeID', 'read_organizations'],
    };
    expect(run('aio', s2s)).toEqual({
      fileName: 'cloud-manager-prod.aio.json',
      containsSecrets: false,
      warnings: ['aio-lib-ims will refuse this context until it has client_secrets, left out because secrets are exported only when asked for'],
      content: `${JSON.stringify({ ims: { contexts: { cloud_manager_prod: context } } }, null, 2)}\n`,
    });
    const { client_id, ...rest } = context;
    const withSecrets = { client_id, client_secrets: ['p8e-S2S-secret-0001'], ...rest };
    expect(run('aio', s2s, true)).toEqual({
      fileName: 'cloud-manager-prod.aio.json',
      containsSecrets: true,
      warnings: [],
      content: `${JSON.stringify({ ims: { contexts: { cloud_manager_prod: withSecrets } } }, null, 2)}\n`,
    });
  });

  it('writes a JWT context with client_secret, meta_scopes and the active private key as a PEM string', () => {
    expect(run('aio', jwt, true).content).toBe(`{
  "ims": {
    "contexts": {
      "aem_prod": {
        "client_id": "cm-p1234-e5678",
        "client_secret": "p8e-JWT-secret",
        "technical_account_id": "${TECH}",
        "ims_org_id": "${ORG}",
        "meta_scopes": [
          "ent_aem_cloud_api"
        ],
        "private_key": "${pemEnv}"
      }
    }
  }
}
`);
    expect(run('aio', jwt).content).toBe(`{
  "ims": {
    "contexts": {
      "aem_prod": {
        "client_id": "cm-p1234-e5678",
        "technical_account_id": "${TECH}",
        "ims_org_id": "${ORG}",
        "meta_scopes": [
          "ent_aem_cloud_api"
        ]
      }
    }
  }
}
`);
  });

  it('writes an API key context with client_id (and its org), and marks stage IMS with env', () => {
    expect(JSON.parse(run('aio', apiKey).content)).toEqual({ ims: { contexts: { stock_search: { client_id: 'stock-key-123', ims_org_id: ORG } } } });
    const stage = { ...s2s, imsEndpoint: 'https://ims-na1-stg1.adobelogin.com' };
    expect(JSON.parse(run('aio', stage).content).ims.contexts.cloud_manager_prod.env).toBe('stage');
  });

  it('refuses a generic OAuth 2.0 integration, which has no aio context', () => {
    let error: unknown;
    try {
      run('aio', oauth2);
    } catch (e) {
      error = e;
    }
    expect(isKeysmithError(error, 'invalid_input')).toBe(true);
    expect((error as Error).message).toBe(
      '"Okta service" is a generic OAuth 2.0 integration, and the aio CLI only knows Adobe IMS contexts: use --format env, postman or curl',
    );
  });

  it('derives context names of lowercase letters, digits, - and _, as aio names them', () => {
    const names: [string, string][] = [
      ['Cloud Manager (prod)', 'cloud_manager_prod'],
      ['Produktion Köln', 'produktion_koln'],
      ['  --  ', 'keysmith'],
      ['日本', 'keysmith'],
      ['a__b--c', 'a__b--c'],
      ['aio-cli-plugin-cloudmanager', 'aio-cli-plugin-cloudmanager'],
    ];
    for (const [name, context] of names) {
      expect(Object.keys(JSON.parse(run('aio', { ...apiKey, name }).content).ims.contexts)).toEqual([context]);
    }
  });
});

describe('postman', () => {
  const variable = (key: string, value: string, type: 'default' | 'secret' = 'default') => ({ key, value, type, enabled: true });
  const environment = (name: string, values: ReturnType<typeof variable>[]) =>
    `${JSON.stringify(
      {
        id: META.id,
        name,
        values,
        _postman_variable_scope: 'environment',
        _postman_exported_at: NOW.toISOString(),
        _postman_exported_using: 'Keysmith',
      },
      null,
      2,
    )}\n`;

  it('writes an OAuth Server-to-Server environment with an empty secret variable unless asked', () => {
    const values = (secret: string, token?: string) => [
      variable('client_id', '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'),
      variable('client_secret', secret, 'secret'),
      variable('org_id', ORG),
      variable('technical_account_id', TECH),
      variable('technical_account_email', 'abc@techacct.adobe.com'),
      variable('scopes', 'openid,AdobeID,read_organizations'),
      variable('token_url', 'https://ims-na1.adobelogin.com/ims/token/v3'),
      // Adobe's names, as its collections and environment template use them
      variable('API_KEY', '1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6'),
      variable('CLIENT_SECRET', secret, 'secret'),
      variable('IMS', 'ims-na1.adobelogin.com'),
      variable('IMS_ORG', ORG),
      variable('TECHNICAL_ACCOUNT_ID', TECH),
      variable('TECHNICAL_ACCOUNT_EMAIL', 'abc@techacct.adobe.com'),
      variable('SCOPES', 'openid,AdobeID,read_organizations'),
      ...(token === undefined ? [] : [variable('access_token', token, 'secret'), variable('ACCESS_TOKEN', token, 'secret')]),
    ];
    expect(run('postman', s2s)).toEqual({
      fileName: 'cloud-manager-prod.postman_environment.json',
      containsSecrets: false,
      content: environment('Cloud Manager (prod)', values('')),
    });
    expect(run('postman', s2s, true, 'eyJ.TOKEN')).toEqual({
      fileName: 'cloud-manager-prod.postman_environment.json',
      containsSecrets: true,
      content: environment('Cloud Manager (prod)', values('p8e-S2S-secret-0001', 'eyJ.TOKEN')),
    });
  });

  it('writes a JWT environment with meta_scopes, and PRIVATE_KEY only when asked', () => {
    const { content, containsSecrets } = run('postman', jwt, true);
    expect(content).toBe(
      environment('AEM prod', [
        variable('client_id', 'cm-p1234-e5678'),
        variable('client_secret', 'p8e-JWT-secret', 'secret'),
        variable('org_id', ORG),
        variable('technical_account_id', TECH),
        variable('meta_scopes', 'ent_aem_cloud_api'),
        variable('token_url', 'https://ims-na1.adobelogin.com/ims/exchange/jwt'),
        variable('API_KEY', 'cm-p1234-e5678'),
        variable('CLIENT_SECRET', 'p8e-JWT-secret', 'secret'),
        variable('IMS', 'ims-na1.adobelogin.com'),
        variable('IMS_ORG', ORG),
        variable('TECHNICAL_ACCOUNT_ID', TECH),
        variable('META_SCOPE', 'ent_aem_cloud_api'),
        variable('PRIVATE_KEY', (jwt.keys!.find((k) => k.active) ?? jwt.keys![0])!.privateKeyPem, 'secret'),
      ]),
    );
    expect(containsSecrets).toBe(true);
    expect(JSON.parse(run('postman', jwt, false).content).values.find((v: { key: string }) => v.key === 'PRIVATE_KEY').value).toBe('');
  });

  it('counts a given access token as a secret even without --include-secrets', () => {
    const { content, containsSecrets } = run('postman', jwt, false, 'eyJ.TOKEN');
    expect(JSON.parse(content).values.slice(-2)).toEqual([variable('access_token', 'eyJ.TOKEN', 'secret'), variable('ACCESS_TOKEN', 'eyJ.TOKEN', 'secret')]);
    expect(containsSecrets).toBe(true);
  });

  it('writes an API key environment with just the key, and a generic OAuth 2.0 one with its audience', () => {
    expect(run('postman', apiKey, true, 'ignored')).toEqual({
      fileName: 'stock-search.postman_environment.json',
      containsSecrets: false,
      content: environment('Stock search', [variable('api_key', 'stock-key-123'), variable('org_id', ORG), variable('API_KEY', 'stock-key-123'), variable('IMS_ORG', ORG)]),
    });
    expect(run('postman', oauth2).content).toBe(
      environment('Okta service', [
        variable('client_id', '0oa1b2c3'),
        variable('client_secret', '', 'secret'),
        variable('scopes', 'read write'),
        variable('audience', 'api://default'),
        variable('token_url', 'https://example.okta.com/oauth2/default/v1/token'),
        variable('auth_method', 'client_secret_post'),
      ]),
    );
  });
});

describe('curl', () => {
  it('writes the OAuth Server-to-Server token request with $CLIENT_SECRET unless asked', () => {
    expect(run('curl', s2s)).toEqual({
      fileName: 'cloud-manager-prod-curl.sh',
      containsSecrets: false,
      content: `# Token request for "Cloud Manager (prod)" (OAuth Server-to-Server), written by Keysmith.
# The client secret is left out: set CLIENT_SECRET first, or export again with secrets included.
curl 'https://ims-na1.adobelogin.com/ims/token/v3' \\
  --data-urlencode 'grant_type=client_credentials' \\
  --data-urlencode 'client_id=1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6' \\
  --data-urlencode "client_secret=$CLIENT_SECRET" \\
  --data-urlencode 'scope=openid,AdobeID,read_organizations'
`,
    });
  });

  it('adds an API call with the headers of `keysmith token --format curl` when given a token', () => {
    expect(run('curl', s2s, true, 'eyJ.TOKEN')).toEqual({
      fileName: 'cloud-manager-prod-curl.sh',
      containsSecrets: true,
      content: `# Token request for "Cloud Manager (prod)" (OAuth Server-to-Server), written by Keysmith.
curl 'https://ims-na1.adobelogin.com/ims/token/v3' \\
  --data-urlencode 'grant_type=client_credentials' \\
  --data-urlencode 'client_id=1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6' \\
  --data-urlencode 'client_secret=p8e-S2S-secret-0001' \\
  --data-urlencode 'scope=openid,AdobeID,read_organizations'

# An API call with the access token; set API_URL to the endpoint you call.
curl "$API_URL" \\
  -H 'Authorization: Bearer eyJ.TOKEN' \\
  -H 'x-api-key: 1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6' \\
  -H 'x-gw-ims-org-id: ${ORG}'
`,
    });
  });

  it('writes the JWT exchange with a $JWT_TOKEN to sign, and never the private key', () => {
    const result = run('curl', jwt, true);
    expect(result).toEqual({
      fileName: 'aem-prod-curl.sh',
      containsSecrets: true,
      content: `# Token request for "AEM prod" (Service Account (JWT)), written by Keysmith.
# JWT_TOKEN: a JWT signed with the integration's private key; \`keysmith token "AEM prod"\` signs one and mints the token for you.
curl 'https://ims-na1.adobelogin.com/ims/exchange/jwt' \\
  --data-urlencode 'client_id=cm-p1234-e5678' \\
  --data-urlencode 'client_secret=p8e-JWT-secret' \\
  --data-urlencode "jwt_token=$JWT_TOKEN"
`,
    });
  });

  it('writes an API key call with x-api-key and no token request', () => {
    expect(run('curl', apiKey, true)).toEqual({
      fileName: 'stock-search-curl.sh',
      containsSecrets: false,
      content: `# An API call with the key of "Stock search" (API key), written by Keysmith.
# Set API_URL to the endpoint you call.
curl "$API_URL" \\
  -H 'x-api-key: stock-key-123'
`,
    });
  });

  it('writes generic OAuth 2.0 requests as mint-token sends them, per auth method', () => {
    expect(run('curl', oauth2).content).toBe(`# Token request for "Okta service" (OAuth 2.0 client credentials), written by Keysmith.
# The client secret is left out: set CLIENT_SECRET first, or export again with secrets included.
curl 'https://example.okta.com/oauth2/default/v1/token' \\
  --data-urlencode 'grant_type=client_credentials' \\
  --data-urlencode 'client_id=0oa1b2c3' \\
  --data-urlencode "client_secret=$CLIENT_SECRET" \\
  --data-urlencode 'scope=read write' \\
  --data-urlencode 'audience=api://default' \\
  --data-urlencode 'resource=api://default'
`);
    const basic = { ...oauth2, authMethod: 'client_secret_basic' as const, clientId: 'id:with/odd', audience: undefined, scopes: [] };
    expect(run('curl', basic, true, 'tok').content).toBe(`# Token request for "Okta service" (OAuth 2.0 client credentials), written by Keysmith.
curl 'https://example.okta.com/oauth2/default/v1/token' \\
  --user 'id%3Awith%2Fodd:okta-secret' \\
  --data-urlencode 'grant_type=client_credentials'

# An API call with the access token; set API_URL to the endpoint you call.
curl "$API_URL" \\
  -H 'Authorization: Bearer tok'
`);
    const assertion = { ...oauth2, authMethod: 'private_key_jwt' as const, clientSecrets: [], keys: [activeKey] };
    const result = run('curl', assertion, true);
    expect(result.content).toBe(`# Token request for "Okta service" (OAuth 2.0 client credentials), written by Keysmith.
# CLIENT_ASSERTION: a client assertion (RFC 7523) signed with the integration's private key; \`keysmith token "Okta service"\` signs one and mints the token for you.
curl 'https://example.okta.com/oauth2/default/v1/token' \\
  --data-urlencode 'grant_type=client_credentials' \\
  --data-urlencode 'client_id=0oa1b2c3' \\
  --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\
  --data-urlencode "client_assertion=$CLIENT_ASSERTION" \\
  --data-urlencode 'scope=read write' \\
  --data-urlencode 'audience=api://default' \\
  --data-urlencode 'resource=api://default'
`);
    expect(result.containsSecrets).toBe(false);
  });
});

describe('every format', () => {
  it('is listed, and suggests a file name without path separators', () => {
    expect(EXPORT_FORMATS).toEqual(['env', 'aio', 'postman', 'curl']);
    for (const format of EXPORT_FORMATS) {
      expect(run(format, { ...apiKey, name: '../etc/passwd' }).fileName).toMatch(/^etc-passwd[.-]/);
    }
  });
});
