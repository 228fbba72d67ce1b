/**
 * Turning parsed import candidates into vault changes. Preparation (validation, key parsing,
 * certificate making) happens before the vault is locked; application is a pure function on the
 * document, run inside one `vault.update`, so an import lands whole or not at all.
 * Re-importing the same credential updates it (matched by kind, client id and org) rather than
 * adding a twin.
 */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { KeysmithError, isKeysmithError, restated } from '../errors';
import type { Integration, IntegrationFields } from '../../shared/integration';
import { KIND_LABELS } from '../../shared/integration-kinds';
import { defaultCommonName } from '../../shared/key-limits';
import { addIntegration, updateIntegration, validateFields, withoutNulls } from '../integration-store';
import { nameKey } from '../integration-view';
import { describeCertificate } from '../keys/certificate-info';
import { importKeyMaterial } from '../keys/keypair-factory';
import { attachKeyPair, type KeyMaterial } from '../keys/keypair-store';
import type { VaultDocument } from '../vault-document';
import type { ImportCandidate } from './import/import-candidate';

export interface PreparedImport {
  candidate: ImportCandidate;
  fields: IntegrationFields;
  /** `publicKeySha256` identifies the key whatever certificate it comes with; `certificateMade`: the file had none */
  key?: KeyMaterial & { fingerprintSha256: string; publicKeySha256: string; certificateMade: boolean };
  /** the user chose this name: it is used as is or refused, never made unique with " (2)" */
  nameGiven?: boolean;
}

/**
 * The names a user gave in the plan, by item index; names are already valid (the caller's schema
 * checked them). Returns new objects: a preview kept for a later apply is not changed.
 */
export function withNames(prepared: readonly PreparedImport[], names: Readonly<Record<string, string>>): PreparedImport[] {
  const out = [...prepared];
  for (const [index, name] of Object.entries(names)) {
    const at = Number(index);
    const p = out[at];
    if (!Number.isInteger(at) || p === undefined) {
      throw new KeysmithError('invalid_input', `The import has ${prepared.length} credential(s); there is no item ${index} to name`, { field: 'name' });
    }
    out[at] = { ...p, fields: { ...p.fields, name }, nameGiven: true };
  }
  return out;
}

/**
 * A key's identity: the SHA-256 of its public key (SPKI DER). A key imported without a certificate
 * gets a new self-signed one each time, so certificate fingerprints would call the same key new on
 * every re-import.
 */
export function publicKeySha256(privateKeyPem: string): string {
  const spki = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

export type ImportAction = 'add' | 'update';

export interface PlannedImport extends PreparedImport {
  action: ImportAction;
  /** the name it will have in the vault: the existing one for an update */
  targetName: string;
  keyIsNew: boolean;
}

/** Validates every candidate and reads its key; throws on the first invalid one, naming it. */
export async function prepareImport(candidates: ImportCandidate[], opts: { name?: string } = {}): Promise<PreparedImport[]> {
  if (opts.name !== undefined && candidates.length !== 1) {
    throw new KeysmithError('usage', `A new name applies to one credential, and this file has ${candidates.length}`, { field: 'name', action: 'pick_credential' });
  }
  const prepared: PreparedImport[] = [];
  for (const candidate of candidates) {
    const raw = { ...candidate.fields, ...(opts.name !== undefined && { name: opts.name }) };
    let fields: IntegrationFields;
    try {
      fields = validateFields(withoutNulls(raw));
    } catch (err) {
      throw new KeysmithError('invalid_input', `${candidate.source}: ${(err as Error).message}`);
    }
    let key: PreparedImport['key'];
    if (candidate.key) {
      const { material } = await importKeyMaterial({
        keyPem: candidate.key.privateKeyPem,
        ...(candidate.key.passphrase !== undefined && { passphrase: candidate.key.passphrase }),
        ...(candidate.key.certificatePem !== undefined && { certificatePem: candidate.key.certificatePem }),
        subjectForNewCertificate: { CN: defaultCommonName(fields.name) },
      }).catch((err: Error) => {
        throw isKeysmithError(err) ? restated(err, `${candidate.source}: ${err.message}`) : new KeysmithError('invalid_input', `${candidate.source}: ${err.message}`);
      });
      key = {
        ...material,
        fingerprintSha256: describeCertificate(material.certificatePem).fingerprintSha256,
        publicKeySha256: publicKeySha256(material.privateKeyPem),
        certificateMade: candidate.key.certificatePem === undefined,
      };
    }
    prepared.push({ candidate, fields, ...(key && { key }) });
  }
  return prepared;
}

const orgOf = (f: { orgId?: string }) => f.orgId ?? '';
const identityOf = (f: { kind: string; clientId: string; orgId?: string }) => `${f.kind}\u0000${f.clientId}\u0000${orgOf(f)}`;

/** The integration a candidate re-imports, if any: same kind, client id and org. */
export function matchExisting(doc: Readonly<VaultDocument>, fields: IntegrationFields): Integration | undefined {
  return doc.integrations.find((i) => identityOf(i as { kind: string; clientId: string; orgId?: string }) === identityOf(fields as { kind: string; clientId: string; orgId?: string }));
}

/**
 * A name not yet taken, in the vault or earlier in this import: "Name", then "Name (2)", ...
 * `next` remembers per name the first suffix not yet tried (all smaller ones are taken for good), so
 * thousands of credentials of one name cost one look-up each rather than a scan of all before them.
 */
function freeName(wanted: string, taken: Set<string>, next: Map<string, number>): string {
  const key = nameKey(wanted);
  for (let n = next.get(key) ?? 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted.slice(0, 94)} (${n})`;
    if (!taken.has(nameKey(name))) {
      next.set(key, n + 1);
      return name;
    }
  }
}

/**
 * What an import would do; computed again inside the lock by applyImport, so it is never stale.
 * Linear in the vault plus the import: the look-ups are indexed once, up front, because an import
 * runs under the vault lock and may hold tens of thousands of credentials.
 */
export function planImport(doc: Readonly<VaultDocument>, prepared: PreparedImport[]): PlannedImport[] {
  const taken = new Set(doc.integrations.map((i) => nameKey(i.name)));
  const next = new Map<string, number>();
  const byIdentity = new Map<string, Integration>();
  for (const i of doc.integrations) {
    const id = identityOf(i as { kind: string; clientId: string; orgId?: string });
    if (!byIdentity.has(id)) byIdentity.set(id, i); // the first match, as matchExisting finds
  }
  return prepared.map((p) => {
    const existing = byIdentity.get(identityOf(p.fields as { kind: string; clientId: string; orgId?: string }));
    if (p.nameGiven) assertNameUsable(p, existing, taken);
    const targetName = existing ? existing.name : freeName(p.fields.name, taken, next);
    taken.add(nameKey(targetName));
    const keyIsNew = Boolean(p.key && !(existing?.keys ?? []).some((k) => k.fingerprintSha256 === p.key!.fingerprintSha256 || publicKeySha256(k.privateKeyPem) === p.key!.publicKeySha256));
    return { ...p, action: existing ? 'update' : 'add', targetName, keyIsNew };
  });
}

/**
 * Each change is made by the store's own functions (validation, timestamps, keys), but on a document
 * that holds only the integration concerned: their name checks scan the document they are given,
 * which for a whole vault would make an import of N credentials cost N² under the lock. planImport
 * has already made every name unique against the whole vault, and a last O(N) pass re-checks it.
 */
export function applyImport(doc: VaultDocument, prepared: PreparedImport[], now = new Date()): PlannedImport[] {
  const plan = planImport(doc, prepared);
  const position = new Map(doc.integrations.map((i, n) => [nameKey(i.name), n]));
  for (const item of plan) {
    const at = position.get(nameKey(item.targetName));
    const alone: VaultDocument = { ...doc, integrations: at === undefined ? [] : [doc.integrations[at]!] };
    if (item.action === 'add') {
      addIntegration(alone, { ...item.fields, name: item.targetName }, now);
    } else {
      // Only what the file actually says is refreshed: defaults the schema filled in (an IMS
      // endpoint the file never named) must not overwrite the user's settings, nor may the file's
      // name and description replace the user's.
      const said = new Set(Object.keys(item.candidate.fields).filter((k) => k !== 'name' && k !== 'description'));
      const fromFile = Object.fromEntries(Object.entries(item.fields).filter(([k]) => said.has(k)));
      updateIntegration(alone, item.targetName, fromFile, now);
    }
    if (item.key && item.keyIsNew) {
      const { fingerprintSha256: _fp, publicKeySha256: _pk, certificateMade: _made, ...material } = item.key;
      attachKeyPair(alone, item.targetName, material, now);
    }
    if (at === undefined) position.set(nameKey(item.targetName), doc.integrations.push(alone.integrations[0]!) - 1);
    else doc.integrations[at] = alone.integrations[0]!;
  }
  assertUniqueNames(doc);
  return plan;
}

function assertNameUsable(p: PreparedImport, existing: Integration | undefined, taken: Set<string>): void {
  if (existing) {
    throw new KeysmithError('invalid_input', `${p.candidate.source} updates "${existing.name}" in place, so it keeps that name`, { field: 'name' });
  }
  if (taken.has(nameKey(p.fields.name))) {
    throw new KeysmithError('already_exists', `An integration named "${p.fields.name}" already exists, or is added twice by this import; nothing was written`, { field: 'name' });
  }
}

function assertUniqueNames(doc: Readonly<VaultDocument>): void {
  const seen = new Set<string>();
  for (const { name } of doc.integrations) {
    if (seen.has(nameKey(name))) throw new KeysmithError('internal', `The import would leave two integrations named "${name}"; nothing was written`);
    seen.add(nameKey(name));
  }
}

export function describePlan(plan: PlannedImport[]): string[] {
  return plan.map((p) => {
    const verb = p.action === 'add' ? 'add   ' : 'update';
    // A certificate made for this import is new each time: its fingerprint would not be the one stored.
    const newKey = p.key?.certificateMade ? ', key with a new self-signed certificate' : `, key ${p.key?.fingerprintSha256.slice(0, 23)}…`;
    const key = p.key ? (p.keyIsNew ? newKey : ', key already present') : '';
    return `${verb} "${p.targetName}" (${KIND_LABELS[p.fields.kind]}, client id ${p.fields.clientId}${key}) from ${p.candidate.source}`;
  });
}
