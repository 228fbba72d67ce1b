/**
 * aio CLI configuration (`~/.config/aio`, a project's `.aio`): IMS contexts as adobe/aio-lib-ims keeps
 * them under `ims.contexts.<name>`, plus the older aio-cli-plugin-ims layout `$ims.<name>` whose
 * `$`-keys (`$current`, …) are bookkeeping. A context with `meta_scopes` or a `private_key` is a
 * Service Account (JWT) one (aio-lib-ims-jwt's keys; very old ones said `techacct` for the technical
 * account); one with `scopes` or `client_secrets` is OAuth Server-to-Server. The `cli` context and
 * any without a client id are `aio login` user sessions; contexts with a `redirect_uri` are 3-legged
 * OAuth. Neither can mint tokens unattended, so both are skipped with a warning. A context holding a
 * client_id and nothing to mint with is an API key credential, as `aio app use` writes one. `env: "stage"` is
 * aio's switch to the stage IMS. Cached `access_token`s are ignored.
 *
 * The same contexts arrive flattened into .env variables (AIO_ims_contexts_<name>_client__id=…);
 * dotenv.ts rebuilds them and calls addAioContexts, so both forms import alike.
 */
import { findPrivateKey, type KeyFileAccess } from './private-key-source';
import { STAGE_IMS_ENDPOINT, compact, imsEndpointUrl, isObject, metascopeList, nonEmpty, obj, oneLine, str, stringList, type Json } from './field-values';
import type { Draft, PlanBuilder } from './plan-builder';
import { KeysmithError } from '../../errors';

export interface AioContextOrigin extends KeyFileAccess {
  /** How a context is named in sources and warnings, e.g. 'aio context "prod"'. */
  sourceOf: (contextName: string) => string;
  /** Appended to "Imported from …" in descriptions. */
  describedAs: (contextName: string) => string;
}

/**
 * Every field of an IMS context that addContext reads: the allow-list for contexts rebuilt from .env
 * variable names, which come from the file and must never become arbitrary keys.
 */
export const AIO_CONTEXT_FIELDS: ReadonlySet<string> = new Set([
  'client_id',
  'client_secret',
  'client_secrets',
  'ims_org_id',
  'technical_account_id',
  'techacct',
  'technical_account_email',
  'meta_scopes',
  'metascopes',
  'scopes',
  'private_key',
  'passphrase',
  'redirect_uri',
  'env',
  'ims_endpoint',
]);

function imsEndpointOf(context: Json, source: string, hosts: string[], warnings: string[]): string | undefined {
  const explicit = imsEndpointUrl(context.ims_endpoint);
  if (explicit !== undefined) return explicit;
  const env = str(context.env)?.toLowerCase();
  if (env === 'stage') return STAGE_IMS_ENDPOINT;
  if (env !== undefined && env !== 'prod') warnings.push(`${source} has env "${oneLine(env, 20)}", which aio treats as prod`);
  return hosts.length === 1 ? `https://${hosts[0]}` : undefined;
}

async function addContext(plan: PlanBuilder, contextName: string, context: unknown, origin: AioContextOrigin): Promise<void> {
  const source = origin.sourceOf(contextName);
  if (!isObject(context)) return plan.skip(source, 'it is not an object');
  const clientId = str(context.client_id);
  if (clientId === undefined) {
    return plan.skip(
      source,
      contextName.toLowerCase() === 'cli'
        ? "it is the aio CLI's own user login (aio login), not an integration"
        : 'it has no client_id: it looks like a user login, not an integration',
    );
  }
  if (context.redirect_uri !== undefined) {
    return plan.skip(source, 'it is a 3-legged OAuth (user login) context with a redirect_uri; Keysmith mints tokens without a person signing in');
  }
  const { metascopes, hosts } = metascopeList(context.meta_scopes ?? context.metascopes);
  const scopes = stringList(context.scopes);
  const hasKey = context.private_key !== undefined && context.private_key !== null && context.private_key !== '';
  const secrets = stringList(context.client_secrets);
  const single = str(context.client_secret);
  if (single !== undefined && !secrets.includes(single)) secrets.push(single);

  // `aio app use` writes an API key credential as a context holding its client_id alone.
  const apiKey = secrets.length === 0 && scopes.length === 0 && context.client_secrets === undefined && context.technical_account_id === undefined;
  const kind = metascopes.length > 0 || hasKey ? 'jwt' : scopes.length > 0 || context.client_secrets !== undefined ? 'oauthS2S' : apiKey ? 'apiKey' : undefined;
  if (kind === undefined) {
    return plan.skip(source, 'it has a client_id but neither meta_scopes (Service Account JWT) nor scopes (OAuth Server-to-Server)');
  }
  const warnings: string[] = [];
  const draft: Draft = {
    source,
    name: contextName,
    fields: compact({
      kind,
      description: `Imported from ${origin.describedAs(contextName)}.`,
      clientId,
      orgId: str(context.ims_org_id),
      ...(kind === 'apiKey'
        ? {}
        : {
            clientSecrets: kind === 'jwt' ? secrets.slice(0, 1) : secrets,
            technicalAccountId: str(context.technical_account_id) ?? str(context.techacct),
            technicalAccountEmail: str(context.technical_account_email),
            ...(kind === 'jwt' ? { metascopes: nonEmpty(metascopes) } : { scopes: nonEmpty(scopes) }),
            imsEndpoint: imsEndpointOf(context, source, hosts, warnings),
          }),
    }),
    warnings,
  };
  if (kind === 'jwt') {
    const found = await findPrivateKey(context.private_key, `${source} private_key`, origin);
    if (found.warning) warnings.push(found.warning);
    else if (!found.pem) warnings.push(`${source} has no private_key: add the key before minting tokens`);
    if (found.action) draft.keyAction = found.action;
    if (found.pem) {
      const passphrase = str(context.passphrase);
      draft.key = { privateKeyPem: found.pem, ...(passphrase !== undefined ? { passphrase: String(context.passphrase) } : {}) };
    }
  }
  plan.add(draft);
}

export async function addAioContexts(plan: PlanBuilder, contexts: Json, origin: AioContextOrigin): Promise<void> {
  for (const [contextName, context] of Object.entries(contexts)) {
    // `$current`, `$cli` and the like are aio's bookkeeping, not contexts.
    if (contextName.startsWith('$')) continue;
    await addContext(plan, contextName, context, origin);
  }
}

/** The contexts of a config, new layout first; a name in both is taken from the new one. */
export function aioContexts(json: Json): Json {
  const legacy = obj(json.$ims);
  const current = obj(obj(json.ims).contexts);
  return { ...legacy, ...current };
}

export async function parseAioConfig(json: Json, plan: PlanBuilder, io: KeyFileAccess & { fileName?: string }): Promise<void> {
  const contexts = aioContexts(json);
  const file = io.fileName ? ` in "${oneLine(io.fileName)}"` : '';
  if (Object.keys(contexts).filter((k) => !k.startsWith('$')).length === 0) {
    throw new KeysmithError('invalid_input', `Nothing to import from ${plan.label}: its ims.contexts holds no IMS contexts`, { field: 'file' });
  }
  await addAioContexts(plan, contexts, {
    ...io,
    sourceOf: (name) => `aio context "${oneLine(name)}"`,
    describedAs: (name) => `aio CLI context "${oneLine(name)}"${file}`,
  });
}
