/**
 * .env files holding an Adobe credential, under the variable names Adobe's own samples use:
 * - AdobeDocs/cloudmanager-api-tutorial: CLIENT_ID (older steps: API_KEY), CLIENT_SECRET,
 *   ORGANIZATION_ID, TECHNICAL_ACCOUNT_ID, SCOPES (its template: SCOPE), PRIVATE_KEY (PEM text);
 * - Experience League, "Generate access token in App Builder action": JWT_CLIENT_ID,
 *   JWT_CLIENT_SECRET, JWT_TECHNICAL_ACCOUNT_ID, JWT_IMS_ORG, JWT_METASCOPES (comma-separated, whole
 *   claim URLs), JWT_PRIVATE_KEY (base64 of the PEM, since a .env value is one line);
 * - Adobe Commerce starter kits: OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRETS (a JSON array),
 *   OAUTH_TECHNICAL_ACCOUNT_ID, OAUTH_TECHNICAL_ACCOUNT_EMAIL, OAUTH_SCOPES, OAUTH_IMS_ORG_ID, and
 *   the same names under AIO_COMMERCE_AUTH_IMS_ (…_ORG_ID);
 * - Adobe's Postman environments: IMS (the IMS host), IMS_ORG, META_SCOPE;
 * - aio itself: `aio app use` flattens IMS contexts into AIO_ims_contexts_<name>_<key>, one `_` per
 *   level and `__` for a literal underscore, case-insensitive (aio-lib-core-config); those are
 *   rebuilt into contexts and imported exactly as an aio config would be (the older `$ims`
 *   contexts as AIO_$ims_<name>_<key>). Its "simplified" copy for actions numbers the credentials
 *   after the first: IMS_CLIENT_ID, IMS_CLIENT_ID_2, IMS_SCOPES_2, …; each number is its own credential.
 * Plus the obvious spellings a person writes by hand (TECHNICAL_ACCOUNT_EMAIL, IMS_ENDPOINT,
 * PRIVATE_KEY_PATH, …), and Keysmith's own export: TOKEN_URL (an IMS one names the IMS host; any other
 * makes a generic OAuth 2.0 client with AUTH_METHOD and AUDIENCE). Each prefix (none, ADOBE_, JWT_, OAUTH_, AIO_COMMERCE_AUTH_IMS_) is its own
 * credential, so one file can hold several. Kind: a private key or metascopes make a Service
 * Account (JWT); scopes or a secret make OAuth Server-to-Server; a client id alone is an API key.
 */
import path from 'node:path';
import { AIO_CONTEXT_FIELDS, addAioContexts } from './aio-config';
import { parseDotenv, type DotenvEntry } from './dotenv-syntax';
import { compact, imsEndpointUrl, metascopeList, nonEmpty, oneLine, stringList, type Json } from './field-values';
import type { ImportOptions } from './import-candidate';
import type { Draft, PlanBuilder } from './plan-builder';
import { findPrivateKey } from './private-key-source';
import { KeysmithError } from '../../errors';

type Field =
  | 'clientId'
  | 'clientSecret'
  | 'clientSecrets'
  | 'orgId'
  | 'technicalAccountId'
  | 'technicalAccountEmail'
  | 'metascopes'
  | 'scopes'
  | 'privateKey'
  | 'privateKeyPath'
  | 'passphrase'
  | 'imsEndpoint'
  | 'tokenUrl'
  | 'authMethod'
  | 'audience'
  | 'redirectUri';

/** Variable names (after the prefix) per field, preferred first. */
const NAMES: Record<Field, string[]> = {
  clientId: ['CLIENT_ID', 'API_KEY'],
  clientSecret: ['CLIENT_SECRET'],
  clientSecrets: ['CLIENT_SECRETS'],
  orgId: ['ORGANIZATION_ID', 'IMS_ORG_ID', 'IMS_ORG', 'ORG_ID'],
  technicalAccountId: ['TECHNICAL_ACCOUNT_ID'],
  technicalAccountEmail: ['TECHNICAL_ACCOUNT_EMAIL'],
  metascopes: ['META_SCOPES', 'METASCOPES', 'META_SCOPE'],
  scopes: ['SCOPES', 'SCOPE'],
  privateKey: ['PRIVATE_KEY', 'ENCODED_PKCS8'],
  privateKeyPath: ['PRIVATE_KEY_PATH', 'PRIVATE_KEY_FILE', 'PKCS8_FILE_PATH'],
  passphrase: ['PRIVATE_KEY_PASSPHRASE', 'PASSPHRASE'],
  imsEndpoint: ['IMS_ENDPOINT', 'IMS_HOST', 'IMS_URL', 'IMS'],
  tokenUrl: ['TOKEN_URL'],
  authMethod: ['AUTH_METHOD'],
  audience: ['AUDIENCE'],
  redirectUri: ['REDIRECT_URI', 'DEFAULTREDIRECTURI'],
};

/**
 * Names that only mean a field after one prefix: aio-lib-java's workspace.properties calls an OAuth
 * Server-to-Server credential's scopes aio_oauth_scopes (OAUTH_SCOPES alone is the OAUTH_ prefix's).
 */
const PREFIX_NAMES: Record<string, Record<string, Field>> = { AIO_: { OAUTH_SCOPES: 'scopes' } };

const FIELD_WORDS: Record<Field, string> = {
  clientId: 'client id',
  clientSecret: 'client secret',
  clientSecrets: 'client secrets',
  orgId: 'org id',
  technicalAccountId: 'technical account id',
  technicalAccountEmail: 'technical account email',
  metascopes: 'metascopes',
  scopes: 'scopes',
  privateKey: 'private key',
  privateKeyPath: 'private key file',
  passphrase: 'key passphrase',
  imsEndpoint: 'IMS endpoint',
  tokenUrl: 'token URL',
  authMethod: 'auth method',
  audience: 'audience',
  redirectUri: 'redirect URI',
};

/**
 * Longest first, so AIO_COMMERCE_AUTH_IMS_ORG_ID is the org id of that prefix. The product prefixes
 * are Adobe's docs and samples: Firefly Services and PDF Services (FIREFLY_SERVICES_CLIENT_ID, …),
 * IMS_CLIENT_ID / IMS_SERVICE_CLIENT_ID in App Builder and AEM samples, and aio-lib-java's
 * workspace.properties (aio_client_id, aio_ims_org_id, aio_meta_scopes, aio_encoded_pkcs8, …).
 */
export const DOTENV_PREFIXES = ['AIO_COMMERCE_AUTH_IMS_', 'FIREFLY_SERVICES_', 'PDF_SERVICES_', 'IMS_SERVICE_', 'ADOBE_', 'JWT_', 'OAUTH_', 'AIO_', 'IMS_', ''];

/**
 * Scopes a product's credential always has in Adobe's docs, for .env files that name the client but
 * not its scopes (Firefly Services' samples send these; PDF Services' SDK asks for DCAPI).
 */
const PRODUCT_SCOPES: Record<string, string[]> = {
  FIREFLY_SERVICES_: ['openid', 'AdobeID', 'session', 'additional_info', 'read_organizations', 'firefly_api', 'ff_apis'],
  PDF_SERVICES_: ['openid', 'AdobeID', 'DCAPI'],
};

const BY_NAME = new Map<string, { field: Field; rank: number }>();
for (const [field, names] of Object.entries(NAMES) as [Field, string[]][]) names.forEach((name, rank) => BY_NAME.set(name, { field, rank }));

type Group = Map<Field, DotenvEntry & { rank: number }>;

const AIO_CONTEXT = /^(AIO_ims_contexts_|AIO_\$ims_)(.+)$/i;

/** A credential's variables: its prefix, and its number in aio's numbered copies (IMS_CLIENT_ID_2). */
interface GroupPlace {
  prefix: string;
  number: string;
}

const groupKey = (place: GroupPlace) => `${place.prefix}#${place.number}`;
const placeOf = (key: string): GroupPlace => {
  const at = key.lastIndexOf('#');
  return { prefix: key.slice(0, at), number: key.slice(at + 1) };
};
/** The variable a field of this credential would be set by: IMS_ + CLIENT_ID + _2. */
const varName = (place: GroupPlace, name: string) => `${place.prefix}${name}${place.number === '' ? '' : `_${place.number}`}`;

/** Later assignments win, as in dotenv; a repeated variable is worth a warning. */
function lastAssignments(entries: DotenvEntry[], plan: PlanBuilder): DotenvEntry[] {
  const byKey = new Map<string, DotenvEntry>();
  for (const entry of entries) {
    const earlier = byKey.get(entry.key);
    if (earlier) plan.warn(`${entry.key} is set on lines ${earlier.line} and ${entry.line}; the value on line ${entry.line} is used`);
    byKey.set(entry.key, entry);
  }
  return [...byKey.values()];
}

function groupsOf(entries: DotenvEntry[], plan: PlanBuilder): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const numbered = /^(.+)_([2-9]|[1-9]\d{1,2})$/.exec(entry.key.toUpperCase());
    const upper = numbered?.[1] ?? entry.key.toUpperCase();
    const number = numbered?.[2] ?? '';
    // IMS_ORG_ID is a name of its own, not IMS_ + ORG_ID: a bare name wins over a prefix.
    for (const prefix of BY_NAME.has(upper) ? [''] : DOTENV_PREFIXES) {
      if (!upper.startsWith(prefix)) continue;
      const rest = upper.slice(prefix.length);
      const special = PREFIX_NAMES[prefix]?.[rest];
      const known = BY_NAME.get(rest) ?? (special !== undefined ? { field: special, rank: 0 } : undefined);
      if (!known) continue;
      const key = groupKey({ prefix, number });
      const group = groups.get(key) ?? new Map();
      groups.set(key, group);
      const held = group.get(known.field);
      // aio writes both redirect names, with different values (a pattern and the default URI).
      if (held && held.value !== entry.value && known.field !== 'redirectUri') {
        const [kept, other] = held.rank <= known.rank ? [held.key, entry.key] : [entry.key, held.key];
        plan.warn(`${kept} and ${other} both give the ${FIELD_WORDS[known.field]}, with different values; ${kept} is used`);
      }
      if (!held || known.rank < held.rank) group.set(known.field, { ...entry, rank: known.rank });
      break;
    }
  }
  return groups;
}

/**
 * AIO_ims_contexts_* variables back into `{ <context>: { client_id, … } }`, as aio-lib-core-config
 * reads them. Every name here comes from the file, so none is used to walk or assign into a plain
 * object (`…_prod_constructor_prototype_x=1` once reached Object.prototype): contexts are collected in
 * Maps and handed on as objects without a prototype, holding only the fields an aio context has that
 * addAioContexts reads. Deeper keys (a cached access_token's parts) are dropped, but their context is
 * still listed, so a login-only context is reported as skipped rather than silently missing.
 */
function aioContextsOf(entries: DotenvEntry[], prefixes: Map<string, string>): Json {
  const contexts = new Map<string, { name: string; fields: Map<string, string> }>();
  for (const entry of entries) {
    const m = AIO_CONTEXT.exec(entry.key);
    if (!m) continue;
    const parts = m[2]!.split(/(?<!_)_(?!_)/).map((p) => p.replace(/__/g, '_'));
    const [contextPart, ...keyPath] = parts;
    if (!contextPart || keyPath.length === 0) continue;
    const id = contextPart.toLowerCase();
    // Named in messages as aio spells them, whatever the case in the file (aio reads any case).
    if (!prefixes.has(contextPart)) prefixes.set(contextPart, m[1]!.includes('$') ? 'AIO_$ims_' : 'AIO_ims_contexts_');
    const context = contexts.get(id) ?? { name: contextPart, fields: new Map<string, string>() };
    contexts.set(id, context);
    const field = keyPath[0]!.toLowerCase();
    if (keyPath.length === 1 && AIO_CONTEXT_FIELDS.has(field)) context.fields.set(field, entry.value);
  }
  const out: Json = Object.create(null) as Json;
  for (const { name, fields } of contexts.values()) {
    const context: Json = Object.create(null) as Json;
    for (const [field, value] of fields) context[field] = value;
    out[name] = context;
  }
  return out;
}

/** A value left as a sample file ships it: aio-lib-java's `aio_api_key=aio_api_key_changeMe`. */
const PLACEHOLDER = /(?:^|_)change_?me$/i;

async function groupDraft(
  group: Group,
  place: GroupPlace,
  base: { name: string; source: string; file: string; unknownIds: string[] },
  opts: ImportOptions,
): Promise<Draft | string> {
  const { prefix } = place;
  const value = (field: Field) => group.get(field)?.value || undefined;
  const inOrder = [...group.values()].sort((a, b) => a.line - b.line);
  const varsUsed = inOrder.filter((e) => e.value.trim() !== '').map((e) => e.key);
  const empty = inOrder.filter((e) => e.value.trim() === '').map((e) => e.key);
  const clientIdVar = group.get('clientId');
  if (!clientIdVar || clientIdVar.value.trim() === '') {
    if (clientIdVar) return `${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty: fill in the values from the Developer Console`;
    const unknown = base.unknownIds.length > 0 ? ` (${base.unknownIds.join(', ')} ${base.unknownIds.length === 1 ? 'has a prefix' : 'have prefixes'} Keysmith does not read)` : '';
    return `it sets ${varsUsed.join(', ')} but no ${varName(place, 'CLIENT_ID')}${unknown}`;
  }
  const placeholders = inOrder.filter((e) => PLACEHOLDER.test(e.value.trim())).map((e) => e.key);
  if (placeholders.length > 0) {
    return `${placeholders.join(', ')} still ${placeholders.length === 1 ? 'holds its' : 'hold their'} sample placeholder (…_changeMe): put in the values from the Developer Console`;
  }
  if (value('redirectUri') !== undefined) {
    return `it is a user sign-in (OAuth) client (it has ${group.get('redirectUri')!.key}), whose app type a .env does not say: import the Developer Console project JSON for it`;
  }
  const { metascopes, hosts } = metascopeList(value('metascopes'));
  let scopes = stringList(value('scopes'));
  const assumed = PRODUCT_SCOPES[prefix];
  const assumeScopes = scopes.length === 0 && metascopes.length === 0 && assumed !== undefined && value('clientSecret') !== undefined;
  if (assumeScopes) scopes = assumed;
  const secrets = stringList(value('clientSecrets'));
  const single = value('clientSecret');
  if (single !== undefined && !secrets.includes(single)) secrets.unshift(single);
  const hasKey = value('privateKey') !== undefined || value('privateKeyPath') !== undefined;
  const tokenUrl = value('tokenUrl');
  const imsOrigin = tokenUrl === undefined ? undefined : /^(https?:\/\/[^/?#]+)\/ims\//i.exec(tokenUrl)?.[1]?.toLowerCase();
  if (tokenUrl !== undefined && imsOrigin === undefined && metascopes.length === 0) {
    return oauth2Draft(group, base, { clientId: clientIdVar.value, secrets, scopes, tokenUrl, varsUsed }, opts);
  }
  const kind = metascopes.length > 0 || hasKey ? 'jwt' : scopes.length > 0 || secrets.length > 0 ? 'oauthS2S' : 'apiKey';
  const warnings: string[] = [];
  const draft: Draft = {
    source: base.source,
    name: base.name,
    fields: compact({
      kind,
      description: `Imported from ${base.file} (${varsUsed.join(', ')}).`.slice(0, 2000),
      clientId: clientIdVar.value,
      ...(kind === 'apiKey' ? {} : { clientSecrets: kind === 'jwt' ? secrets.slice(0, 1) : secrets }),
      orgId: value('orgId'),
      ...(kind === 'apiKey'
        ? {}
        : {
            technicalAccountId: value('technicalAccountId'),
            technicalAccountEmail: value('technicalAccountEmail'),
            ...(kind === 'jwt' ? { metascopes: nonEmpty(metascopes) } : { scopes: nonEmpty(scopes) }),
            imsEndpoint: imsEndpointUrl(value('imsEndpoint')) ?? imsOrigin ?? (hosts.length === 1 ? `https://${hosts[0]}` : undefined),
          }),
    }),
    warnings,
  };
  if (assumeScopes) warnings.push(`No scopes are given: the scopes Adobe documents for this product were used (${scopes.join(',')}); check them in the Developer Console`);
  if (kind === 'jwt') {
    await attachKey(draft, group, opts);
    if (!draft.key && warnings.length === 0) warnings.push(`There is no ${varName(place, 'PRIVATE_KEY')} or ${varName(place, 'PRIVATE_KEY_PATH')}: add the key before minting tokens`);
  }
  return draft;
}

/** PRIVATE_KEY or PRIVATE_KEY_PATH, with its passphrase; a key that cannot be found is a warning. */
async function attachKey(draft: Draft, group: Group, opts: ImportOptions): Promise<void> {
  const keyVar = group.get('privateKey') ?? group.get('privateKeyPath');
  if (!keyVar) return;
  const found = await findPrivateKey(keyVar.value, keyVar.key, opts);
  if (found.warning) draft.warnings.push(found.warning);
  if (found.action) draft.keyAction = found.action;
  if (found.pem) {
    const passphrase = group.get('passphrase')?.value;
    draft.key = { privateKeyPem: found.pem, ...(passphrase ? { passphrase } : {}) };
  }
}

/** A token URL that is not Adobe IMS: a generic OAuth 2.0 client credentials client. */
async function oauth2Draft(
  group: Group,
  base: { name: string; source: string; file: string },
  found: { clientId: string; secrets: string[]; scopes: string[]; tokenUrl: string; varsUsed: string[] },
  opts: ImportOptions,
): Promise<Draft> {
  const draft: Draft = {
    source: base.source,
    name: base.name,
    fields: compact({
      kind: 'oauth2',
      description: `Imported from ${base.file} (${found.varsUsed.join(', ')}).`.slice(0, 2000),
      clientId: found.clientId,
      clientSecrets: found.secrets,
      tokenUrl: found.tokenUrl,
      authMethod: group.get('authMethod')?.value || undefined,
      scopes: nonEmpty(found.scopes),
      audience: group.get('audience')?.value || undefined,
    }),
    warnings: [],
  };
  await attachKey(draft, group, opts);
  return draft;
}

/**
 * A name for what a .env holds: "project.env" is "project", ".env.staging" "staging"; a plain .env
 * is named after its folder, which is the project's name ("my-app/.env" is "my-app").
 */
function dotenvName(fileName: string | undefined, baseDir: string | undefined): string {
  const stem = fileName?.replace(/^\.?env(?:\.|$)/i, '').replace(/\.env$/i, '') ?? '';
  const folder = baseDir !== undefined ? path.basename(path.resolve(baseDir)) : '';
  const name = stem !== '' ? stem : folder !== '' && folder !== path.sep ? folder : 'Imported .env';
  return oneLine(name, 90) || 'Imported .env';
}

/**
 * Variables without a prefix that no unprefixed credential uses (IMS_ORG_ID, IMS beside
 * FIREFLY_SERVICES_CLIENT_ID) describe the prefixed ones: each gets those it lacks. In aio's numbered
 * copies, IMS_ORG_ID_2 describes the credential numbered 2.
 */
function shareBareFields(groups: Map<string, Group>): void {
  for (const number of new Set([...groups.keys()].map((key) => placeOf(key).number))) {
    const bareKey = groupKey({ prefix: '', number });
    const bare = groups.get(bareKey);
    if (!bare || bare.has('clientId')) continue;
    let shared = false;
    for (const [key, group] of groups) {
      const place = placeOf(key);
      if (place.prefix === '' || place.number !== number || !group.has('clientId')) continue;
      for (const [field, entry] of bare) if (!group.has(field)) group.set(field, entry);
      shared = true;
    }
    // Given to the credentials they describe, they are no credential of their own.
    if (shared) groups.delete(bareKey);
  }
}

/** A credential of its own only with a client id, or with API_KEY beside other Adobe variables (API_KEY alone is too common a name). */
function isCredentialGroup(group: Group): boolean {
  const id = group.get('clientId');
  if (id && id.key.toUpperCase().endsWith('CLIENT_ID')) return true;
  const others = [...group.keys()].filter((f) => f !== 'clientId' && f !== 'imsEndpoint' && f !== 'passphrase');
  return others.length > 0;
}

export async function parseDotenvFile(text: string, plan: PlanBuilder, opts: ImportOptions): Promise<void> {
  const { entries, otherLines } = parseDotenv(text, plan.Label);
  if (otherLines.length > 0) {
    const shown = otherLines.slice(0, 10).join(', ') + (otherLines.length > 10 ? ', …' : '');
    plan.warn(`${otherLines.length === 1 ? 'Line' : 'Lines'} ${shown} of ${plan.label} ${otherLines.length === 1 ? 'is not a KEY=VALUE assignment and was' : 'are not KEY=VALUE assignments and were'} ignored`);
  }
  const fileName = opts.fileName ? path.basename(opts.fileName) : undefined;
  await addDotenvEntries(lastAssignments(entries, plan), plan, opts, dotenvName(fileName, opts.baseDir));
}

/**
 * Credentials from named values: a .env's assignments, or the same names in another file (the older
 * PDF Services credential JSON, aio-lib-java's workspace.properties). `baseName` names candidates.
 */
export async function addDotenvEntries(assignments: DotenvEntry[], plan: PlanBuilder, opts: ImportOptions, baseName: string): Promise<void> {
  const fileName = opts.fileName ? path.basename(opts.fileName) : undefined;
  const file = fileName ? `"${oneLine(fileName)}"` : 'a .env file';
  const fileRef = fileName ? file : 'the .env file';

  const prefixes = new Map<string, string>();
  const contexts = aioContextsOf(assignments, prefixes);
  const contextPrefix = (name: string) => prefixes.get(name) ?? 'AIO_ims_contexts_';
  await addAioContexts(plan, contexts, {
    ...opts,
    sourceOf: (name) => `${contextPrefix(name)}${oneLine(name)}_* variables in ${fileRef}`,
    describedAs: (name) => `aio CLI context "${oneLine(name)}" in ${file} (${contextPrefix(name)}* variables)`,
  });

  const all = groupsOf(assignments, plan);
  shareBareFields(all);
  let groups = [...all].filter(([, group]) => isCredentialGroup(group));
  // API_KEY alone is too common a name to count beside other credentials, but a .env holding
  // nothing else is an API key credential (Keysmith's own API key export is one).
  if (groups.length === 0 && Object.keys(contexts).length === 0) groups = [...all].filter(([, group]) => group.has('clientId'));
  // A client id under a prefix no credential here is read from (USER_TOKEN_IMS_CLIENT_ID): named when
  // nothing else gives a client id, so the refusal says which variable to rename.
  const unknownIds = assignments
    .map((e) => e.key)
    .filter((k) => /.(?:CLIENT_ID|API_KEY)$/i.test(k) && !AIO_CONTEXT.test(k) && ![...all.values()].some((g) => [...g.values()].some((e) => e.key === k)));
  for (const [key, group] of groups) {
    const place = placeOf(key);
    const { prefix, number } = place;
    const label = `${prefix === '' ? '' : ` ${prefix.slice(0, -1)}`}${number === '' ? '' : ` ${number}`}`;
    const source = `${prefix === '' && number === '' ? '' : `${prefix}*${number === '' ? '' : `_${number}`} `}variables in ${fileRef}`;
    const name = groups.length > 1 || Object.keys(contexts).length > 0 ? `${baseName}${label}` : baseName;
    const draft = await groupDraft(group, place, { name, source, file, unknownIds }, opts);
    if (typeof draft === 'string') plan.skip(source, draft);
    else plan.add(draft);
  }
  if (groups.length === 0 && Object.keys(contexts).length === 0) {
    throw new KeysmithError(
      'invalid_input',
      `Nothing to import from ${plan.label}: it sets no Adobe credential variables (CLIENT_ID with CLIENT_SECRET and SCOPES, or META_SCOPES and PRIVATE_KEY; or aio's AIO_ims_contexts_<name>_client__id)`,
      { field: 'file' },
    );
  }
}
