/**
 * Developer Console project JSON (the Console's "Download" button, also what `aio app use` reads).
 * Every credential of the workspace becomes a candidate. Shapes follow Adobe's own schema for the
 * file (adobe/aio-cli-plugin-app schema/config.schema.json) in its old and new versions:
 * - new: `oauth_server_to_server`, `oauth_server_to_server_migrate` (both a `jwt` and an
 *   `oauth_server_to_server` block), `service` + `jwt`, `apikey` + `api_key`;
 * - old: `service` + `jwt` with `meta_scopes`, no `title`/`description`, and an `apikey` credential
 *   that carried its client id in an `oauth2` or `jwt` block;
 * - user sign-in types (`oauthwebapp`, …, with an `oauth2` block): console-user-credential.ts.
 * The org id is `project.org.ims_org_id`. `project.org.id` is the Console's own numeric org id: with
 * `credentials[].id` it says where an OAuth Server-to-Server credential's secrets are rotated.
 * aio's importer copies `ims_org_id` into the `jwt` block, so that is read as a fallback.
 */
import { compact, isObject, metascopeList, nonEmpty, obj, oneLine, str, stringList, type Json } from './field-values';
import type { PlanBuilder, Draft } from './plan-builder';
import { KeysmithError } from '../../errors';
import { CONSOLE_USER_TYPES, consoleUserDraft } from './console-user-credential';

const S2S = 'oauth_server_to_server';
const MIGRATE = 'oauth_server_to_server_migrate';
const JWT_TYPES = ['service', 'jwt'];
const API_KEY_TYPES = ['apikey', 'api_key'];

/** Adobe's end of life for JWT credentials in the Developer Console (adobe-ims.md). */
const JWT_RETIRED =
  'Adobe retired Service Account (JWT) credentials in the Developer Console on 2025-06-30 and converts them to OAuth Server-to-Server: if this one was converted, download the project again and import that credential instead';

interface Where {
  project: string;
  workspace: string;
  source: string;
  name: string;
  credentialId?: string;
  /** Description without the migration note. */
  provenance: string;
  services: string[];
  orgId?: string;
  consoleOrgId?: string;
}

/** The Console's numeric ids, kept for secret rotation only when they are numbers (a hostile file's are dropped). */
const consoleNumber = (id: string | undefined) => (id !== undefined && /^\d{1,24}$/.test(id) ? id : undefined);

/** Service names from wherever a version of the file put them; strings or `{ code, name }`. */
function serviceNames(project: Json, workspace: Json): string[] {
  const details = obj(workspace.details);
  const lists = [details.services, details.enabled_services, workspace.services, workspace.enabled_services, project.services, project.enabled_services];
  const names: string[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const name = typeof item === 'string' ? str(item) : isObject(item) ? (str(item.name) ?? str(item.code)) : undefined;
      if (name !== undefined && !names.includes(oneLine(name))) names.push(oneLine(name));
    }
  }
  return names;
}

/** The Console's ids are numbers; from a hostile file they are one clean line like any other text shown. */
function idOf(value: unknown): string | undefined {
  const id = oneLine(str(value) ?? '');
  return id === '' ? undefined : id;
}

/** integration_type, or the one the blocks imply when an old file leaves it out. */
function integrationType(credential: Json): string | undefined {
  const declared = str(credential.integration_type);
  if (declared !== undefined) return declared.toLowerCase();
  const has = (key: string) => isObject(credential[key]);
  if (has(S2S) && has('jwt')) return MIGRATE;
  if (has(S2S)) return S2S;
  if (has('jwt')) return 'service';
  if (has('api_key')) return 'apikey';
  if (has('oauth2')) return 'oauthweb';
  return undefined;
}

function description(where: Where, note?: string): string {
  const parts = [note, where.services.length > 0 ? `Services: ${where.services.join(', ')}.` : undefined, where.provenance];
  return parts.filter(Boolean).join(' ').slice(0, 2000);
}

function orgFor(where: Where, block: Json, warnings: string[]): string | undefined {
  if (where.orgId !== undefined) return where.orgId;
  const fromBlock = str(block.ims_org_id);
  if (fromBlock !== undefined) {
    warnings.push('The org id was read from the credential block (an older export); the file has no project.org.ims_org_id');
    return fromBlock;
  }
  return undefined;
}

function s2sDraft(where: Where, block: Json, note?: string): Draft {
  const warnings: string[] = [];
  const orgId = orgFor(where, block, warnings);
  if (orgId === undefined) warnings.push('The file has no org id (project.org.ims_org_id): add it if an API needs the x-gw-ims-org-id header');
  const secrets = stringList(block.client_secrets);
  const single = str(block.client_secret);
  if (single !== undefined && !secrets.includes(single)) secrets.push(single);
  return {
    source: where.source,
    credentialId: where.credentialId,
    name: where.name,
    fields: compact({
      kind: 'oauthS2S',
      description: description(where, note),
      clientId: str(block.client_id),
      clientSecrets: secrets,
      orgId,
      technicalAccountId: str(block.technical_account_id),
      technicalAccountEmail: str(block.technical_account_email),
      scopes: nonEmpty(stringList(block.scopes)),
      consoleOrgId: consoleNumber(where.consoleOrgId),
      credentialId: consoleNumber(where.credentialId),
    }),
    warnings,
  };
}

function jwtDraft(where: Where, block: Json, note?: string): Draft {
  const warnings: string[] = [];
  const { metascopes } = metascopeList(block.meta_scopes ?? block.metascopes);
  const secret = str(block.client_secret) ?? stringList(block.client_secrets)[0];
  return {
    source: where.source,
    credentialId: where.credentialId,
    name: where.name,
    fields: compact({
      kind: 'jwt',
      description: description(where, note),
      clientId: str(block.client_id),
      clientSecrets: secret !== undefined ? [secret] : [],
      orgId: orgFor(where, block, warnings),
      technicalAccountId: str(block.technical_account_id),
      technicalAccountEmail: str(block.technical_account_email),
      metascopes: nonEmpty(metascopes),
    }),
    warnings: [...warnings, 'The Console keeps no private key: add the key whose certificate is uploaded to this credential', JWT_RETIRED],
  };
}

function apiKeyDraft(where: Where, block: Json): Draft {
  const warnings: string[] = [];
  return {
    source: where.source,
    credentialId: where.credentialId,
    name: where.name,
    fields: compact({ kind: 'apiKey', description: description(where), clientId: str(block.client_id), orgId: orgFor(where, block, warnings) }),
    warnings,
  };
}

/** The block a credential type keeps its values in, or a reason to skip it. */
function block(credential: Json, key: string, type: string): Json | string {
  const value = credential[key];
  if (!isObject(value)) return `it is ${type} but has no "${key}" block`;
  if (str(value.client_id) === undefined) return `it has no ${key}.client_id`;
  return value;
}

function addCredential(plan: PlanBuilder, credential: Json, base: Omit<Where, 'source' | 'name' | 'credentialId' | 'provenance'> & { provenance: string }): void {
  const credName = oneLine(str(credential.name) ?? (str(credential.id) !== undefined ? `credential ${str(credential.id)}` : 'credential'));
  const credentialId = idOf(credential.id);
  const source = `Console project "${base.project}" › workspace "${base.workspace}" › credential "${credName}"`;
  const where: Where = {
    ...base,
    source,
    name: `${base.project} ${base.workspace} ${credName}`,
    ...(credentialId !== undefined ? { credentialId } : {}),
    provenance: `${base.provenance}, credential "${credName}"${credentialId !== undefined ? ` (id ${credentialId})` : ''}.`,
  };
  const type = integrationType(credential);
  const typeName = type === undefined ? 'without an integration_type' : `integration_type ${oneLine(type, 40)}`;

  if (type === S2S) {
    const b = block(credential, S2S, 'OAuth Server-to-Server');
    return typeof b === 'string' ? plan.skip(source, b) : plan.add(s2sDraft(where, b));
  }
  if (type !== undefined && JWT_TYPES.includes(type)) {
    const b = block(credential, 'jwt', 'a Service Account (JWT) credential');
    return typeof b === 'string' ? plan.skip(source, b) : plan.add(jwtDraft(where, b));
  }
  if (type !== undefined && API_KEY_TYPES.includes(type)) {
    // Old files carried an API key credential's client id in an oauth2 or jwt block.
    const key = ['api_key', 'oauth2', 'jwt'].find((k) => isObject(credential[k])) ?? 'api_key';
    const b = block(credential, key, 'an API key credential');
    return typeof b === 'string' ? plan.skip(source, b) : plan.add(apiKeyDraft(where, b));
  }
  if (type === MIGRATE) {
    const jwt = block(credential, 'jwt', 'being migrated (oauth_server_to_server_migrate)');
    const s2s = block(credential, S2S, 'being migrated (oauth_server_to_server_migrate)');
    const jwtWhere = { ...where, source: `${source} (JWT)`, name: `${where.name} (JWT)` };
    const s2sWhere = { ...where, source: `${source} (OAuth Server-to-Server)`, name: `${where.name} (OAuth S2S)` };
    const note = 'Migration in progress: the same Console credential exists as Service Account (JWT) and as OAuth Server-to-Server.';
    if (typeof jwt === 'string') plan.skip(jwtWhere.source, jwt);
    else {
      const draft = jwtDraft(jwtWhere, jwt, note);
      draft.warnings.unshift(
        'Same Console credential as the OAuth Server-to-Server candidate: Adobe is migrating it from JWT (integration_type oauth_server_to_server_migrate); use the OAuth Server-to-Server one and delete this one once the migration is done',
      );
      plan.add(draft);
    }
    if (typeof s2s === 'string') plan.skip(s2sWhere.source, s2s);
    else {
      const draft = s2sDraft(s2sWhere, s2s, note);
      draft.warnings.unshift(
        'Same Console credential as the Service Account (JWT) candidate: Adobe is migrating it to OAuth Server-to-Server (integration_type oauth_server_to_server_migrate)',
      );
      plan.add(draft);
    }
    return;
  }
  if (type !== undefined && CONSOLE_USER_TYPES.includes(type)) {
    const b = block(credential, 'oauth2', 'a user sign-in credential');
    if (typeof b === 'string') return plan.skip(source, b);
    const draft = consoleUserDraft(type, b, { ...where, description: description(where), orgId: where.orgId });
    return typeof draft === 'string' ? plan.skip(source, draft) : plan.add(draft);
  }
  if (type === undefined) return plan.skip(source, 'it has no integration_type and none of the jwt, oauth_server_to_server or api_key blocks');
  plan.skip(source, `it has ${typeName}, which Keysmith does not know`);
}

export function parseConsoleProject(json: Json, plan: PlanBuilder): void {
  const project = obj(json.project);
  const workspace = obj(project.workspace);
  const projectName = oneLine(str(project.title) ?? str(project.name) ?? (str(project.id) !== undefined ? `project ${str(project.id)}` : 'project'));
  const workspaceName = oneLine(str(workspace.name) ?? str(workspace.title) ?? (str(workspace.id) !== undefined ? `workspace ${str(workspace.id)}` : 'workspace'));
  const credentials = obj(workspace.details).credentials;
  if (!Array.isArray(credentials) || credentials.length === 0) {
    throw new KeysmithError(
      'invalid_input',
      `Nothing to import from ${plan.label}: workspace "${workspaceName}" of Console project "${projectName}" has no credentials (project.workspace.details.credentials); a .aio file written by \`aio app use\` keeps them in .env, import that instead`,
      { field: 'file' },
    );
  }
  const orgId = str(obj(project.org).ims_org_id);
  const consoleOrgId = idOf(obj(project.org).id);
  const projectId = idOf(project.id);
  const workspaceId = idOf(workspace.id);
  const base = {
    project: projectName,
    workspace: workspaceName,
    services: serviceNames(project, workspace),
    ...(orgId !== undefined ? { orgId } : {}),
    ...(consoleOrgId !== undefined ? { consoleOrgId } : {}),
    provenance:
      `Imported from Console project "${projectName}"${projectId !== undefined ? ` (id ${projectId})` : ''}, ` +
      `workspace "${workspaceName}"${workspaceId !== undefined ? ` (id ${workspaceId})` : ''}`,
  };
  credentials.forEach((credential, index) => {
    if (!isObject(credential)) {
      plan.skip(`Console project "${projectName}" › workspace "${workspaceName}" › credential #${index + 1}`, 'it is not an object');
      return;
    }
    addCredential(plan, credential, base);
  });
}
