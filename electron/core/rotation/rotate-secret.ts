/**
 * Rotating an OAuth Server-to-Server client secret at Adobe, as a sequence that survives a kill at
 * any point (adobe-ims.md: add, switch, wait until the old one is idle, delete). Every step's
 * outcome is written to the vault (the integration's `secretRotation.pending`) before the next one
 * begins, and a run reads it back and continues where the last one stopped:
 *
 *   adding   the ids Adobe listed are recorded, then a secret is added. Adobe shows its value
 *            once, so it is written to the vault in the very next step, before anything else is
 *            tried. A secret added by a request whose answer never arrived is known by its id not
 *            being among those recorded; nobody holds its value, so it is deleted (only while
 *            unused) and another is added.
 *   added    the new value sits beside the old one; a token minted with it proves it works, and
 *            only then is it made the one in use.
 *   switched the old value is kept until it is deleted at Adobe, which happens only when asked,
 *            only while the new secret is listed and mints, and only if Adobe reports no use of the
 *            old one since the switch (or the user confirms).
 *
 * One rotation per integration at a time: a lock file beside the vault, held for the whole run.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { KeysmithError, isKeysmithError } from '../errors';
import { acquireLock } from '../file-lock';
import { getIntegration } from '../integration-view';
import type { Integration } from '../../shared/integration';
import { MAX_CLIENT_SECRETS, type PendingRotation, type RotationEvent, type RotationResult, type SecretRotation } from '../../shared/secret-rotation';

export type { RotationEvent, RotationResult };
import type { Vault } from '../vault';
import type { VaultDocument } from '../vault-document';
import { Redactor } from '../tokens/server-text';
import { mintToken } from '../tokens/mint-token';
import type { HttpOptions } from '../tokens/token-http';
import { SecretsApi, secretLocation, type ListedSecret } from './console-api';
import { mintManagementToken } from './management-token';

type S2S = Extract<Integration, { kind: 'oauthS2S' }>;

export interface RotationOptions {
  http: HttpOptions;
  /** continue through deleting the old secret */
  deleteOld?: boolean;
  /** only continue a rotation already under way, through deleting the old secret */
  finish?: boolean;
  /** delete the old secret even though Adobe reports a use since the switch */
  force?: boolean;
  report?: (event: RotationEvent) => void;
  now?: () => Date;
}

const LOCK_TIMEOUT_MS = 2_000;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function describeTime(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function describeSecret(s: ListedSecret): string {
  return `${s.uuid} (created ${describeTime(s.createdAt)}, last used ${describeTime(s.lastUsedAt)})`;
}

/** The secret Keysmith uses among those listed, when it can be told: recorded, the only one, or the one the token just minted used. */
export function heldSecret(listed: ListedSecret[], rotation: SecretRotation | undefined): { secret: ListedSecret; certain: boolean } | null {
  const recorded = listed.find((s) => s.uuid === rotation?.heldUuid);
  if (recorded) return { secret: recorded, certain: true };
  if (listed.length === 1) return { secret: listed[0]!, certain: true };
  const used = listed.filter((s) => s.lastUsedAt !== null).sort((a, b) => b.lastUsedAt! - a.lastUsedAt!);
  if (used.length === 0 || (used.length > 1 && used[0]!.lastUsedAt === used[1]!.lastUsedAt)) return null;
  return { secret: used[0]!, certain: false };
}

class Rotation {
  readonly events: RotationEvent[] = [];
  private api!: SecretsApi;
  private redactor: Redactor;
  /** the stored value the management token was minted with */
  private workingSecret = '';

  constructor(
    private readonly vault: Vault,
    private readonly id: string,
    private readonly opts: RotationOptions,
  ) {
    this.redactor = new Redactor(this.integration().clientSecrets);
  }

  private now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  say(step: RotationEvent['step'], message: string): void {
    const event = { step, message };
    this.events.push(event);
    this.opts.report?.(event);
  }

  integration(doc: Readonly<VaultDocument> = this.vault.document): S2S {
    const found = doc.integrations.find((i) => i.id === this.id);
    if (!found || found.kind !== 'oauthS2S') throw new KeysmithError('not_found', 'The integration being rotated was removed from the vault meanwhile; nothing more was done');
    return found;
  }

  get pending(): PendingRotation | undefined {
    return this.integration().secretRotation?.pending;
  }

  /** A read-modify-write of this integration alone, on the vault as it is on disk now. */
  async save(change: (i: S2S) => S2S): Promise<S2S> {
    return this.vault.update((doc) => {
      const current = this.integration(doc);
      const next = { ...change(current), updatedAt: this.now().toISOString() };
      doc.integrations[doc.integrations.indexOf(current)] = next;
      return next;
    });
  }

  async savePending(pending: PendingRotation | undefined, extra: Partial<SecretRotation> = {}, secrets?: (s: string[]) => string[]): Promise<void> {
    await this.save((i) => {
      const { pending: _p, ...kept } = i.secretRotation ?? {};
      const secretRotation: SecretRotation = { ...kept, ...extra, ...(pending ? { pending } : {}) };
      return { ...i, clientSecrets: secrets ? secrets(i.clientSecrets) : i.clientSecrets, secretRotation };
    });
  }

  /** A management token from the secret in use, else (a secret deleted behind Keysmith's back) any other stored one. */
  async connect(): Promise<void> {
    const integration = this.integration();
    const where = secretLocation(integration);
    let lastError: unknown;
    for (const secret of integration.clientSecrets) {
      try {
        const token = await mintManagementToken(integration, secret, this.opts.http, this.redactor);
        this.redactor = new Redactor([...integration.clientSecrets, token]);
        this.api = new SecretsApi(where, token, this.opts.http, this.redactor);
        this.workingSecret = secret;
        const which = secret === integration.clientSecrets[0] ? 'the secret in use' : 'a secret kept for rotation (the one in use was refused)';
        this.say('token', `Minted a token for the I/O Management API with ${which}`);
        return;
      } catch (err) {
        // Only a refused secret is worth another try; scopes, network or a broken server are not about the secret.
        if (!isKeysmithError(err, 'token_refused') || /scope/.test(err.message)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  async list(): Promise<ListedSecret[]> {
    const listed = await this.api.list();
    this.say('listed', `Adobe lists ${listed.length} client secret${listed.length === 1 ? '' : 's'}${listed.length ? `: ${listed.map(describeSecret).join('; ')}` : ''}`);
    return listed;
  }

  /** Nothing under way: record what Adobe lists, then go to `adding`. */
  async begin(listed: ListedSecret[]): Promise<void> {
    const integration = this.integration();
    const held = heldSecret(listed, integration.secretRotation);
    if (held) this.say('held', `Keysmith holds ${held.secret.uuid}${held.certain ? '' : ' (the one the token just minted used)'}`);
    if (held?.certain && integration.secretRotation?.heldUuid !== held.secret.uuid) {
      await this.savePending(undefined, { heldUuid: held.secret.uuid, ...(held.secret.createdAt !== null && { heldCreatedAt: held.secret.createdAt }) });
    }
    if (listed.length >= MAX_CLIENT_SECRETS) {
      const other = held ? listed.find((s) => s.uuid !== held.secret.uuid) : undefined;
      throw new KeysmithError(
        'rotation_blocked',
        `"${integration.name}": Adobe already lists ${listed.length} client secrets, the most a credential can have, so no new one can be added. ` +
          (other
            ? `Delete the one Keysmith does not hold, ${describeSecret(other)}, in the Developer Console once nothing uses it, then rotate again`
            : `Keysmith cannot tell which one it holds: ${listed.map(describeSecret).join('; ')}; delete the unused one in the Developer Console, then rotate again`),
        { integration: integration.name },
      );
    }
    const pending: PendingRotation = {
      step: 'adding',
      startedAt: this.now().toISOString(),
      before: listed.map((s) => s.uuid),
      ...(held ? { oldUuid: held.secret.uuid } : {}),
    };
    await this.savePending(pending);
  }

  /** `adding`: clear away what an interrupted add left, add, and store the value before anything else. */
  async add(listed: ListedSecret[]): Promise<ListedSecret[]> {
    const pending = this.pending!;
    for (const orphan of listed.filter((s) => !pending.before.includes(s.uuid))) {
      if (orphan.lastUsedAt !== null) {
        throw new KeysmithError(
          'rotation_blocked',
          `"${this.integration().name}": Adobe lists a client secret added after this rotation began, ${describeSecret(orphan)}, and it has been used, so someone else holds it; nothing was added. Delete the one that is not needed in the Developer Console, then rotate again`,
          { integration: this.integration().name },
        );
      }
      await this.api.delete(orphan.uuid);
      this.say('orphan', `Deleted client secret ${orphan.uuid}: an earlier run asked for it but never received its value, so nobody can use it`);
    }
    const remaining = listed.filter((s) => pending.before.includes(s.uuid));
    if (remaining.length >= MAX_CLIENT_SECRETS) {
      throw new KeysmithError('rotation_blocked', `"${this.integration().name}": Adobe now lists ${remaining.length} client secrets, the most a credential can have: delete the one Keysmith does not hold in the Developer Console, then rotate again`, {
        integration: this.integration().name,
      });
    }
    const stale = this.integration().clientSecrets.length - 1;
    if (stale > 0) this.say('stale', `Dropped ${stale} stored secret${stale === 1 ? '' : 's'} that Adobe no longer lists`);
    this.say('adding', 'Asking Adobe for a new client secret');
    const added = await this.api.add();
    this.redactor = new Redactor([added.value, ...this.integration().clientSecrets]);
    try {
      await this.savePending(
        { ...pending, step: 'added', newUuid: added.uuid, ...(added.createdAt !== null && { newCreatedAt: added.createdAt }), newSecretSha256: sha256(added.value) },
        {},
        // The one in use stays first; the ones Adobe no longer lists go (the new one makes two, Adobe's most).
        (secrets) => [secrets.includes(this.workingSecret) ? this.workingSecret : secrets[0]!, added.value],
      );
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new KeysmithError(
        'io',
        `Adobe added client secret ${added.uuid}, but it could not be saved in the vault (${why}); the secret in use is unchanged. Rotating again deletes that unsaved secret, which nobody holds, and adds another`,
        { integration: this.integration().name, cause: err },
      );
    }
    this.say('added', `Adobe added client secret ${added.uuid}; its value is saved in the vault beside the one in use`);
    return [...remaining, added];
  }

  /** `added`: prove the new secret mints, then make it the one in use. */
  async switchOver(listed: ListedSecret[]): Promise<void> {
    const pending = this.pending!;
    const integration = this.integration();
    const value = integration.clientSecrets.find((s) => sha256(s) === pending.newSecretSha256);
    const onServer = listed.some((s) => s.uuid === pending.newUuid);
    if (value === undefined || !onServer) {
      // The stored value was replaced by an edit, or the secret was deleted at Adobe: start the add again.
      const lost = value === undefined ? 'its value is no longer in the vault (replaced by an edit?)' : 'Adobe no longer lists it';
      this.say('orphan', `The new client secret ${pending.newUuid ?? ''} cannot be used: ${lost}; adding another`);
      await this.savePending(
        // Left out of `before`, a new secret still listed is an orphan to the add step, which deletes it while unused.
        { step: 'adding', startedAt: pending.startedAt, before: listed.map((s) => s.uuid).filter((u) => u !== pending.newUuid), ...(pending.oldUuid ? { oldUuid: pending.oldUuid } : {}) },
        {},
        (secrets) => secrets.filter((s) => s !== value),
      );
      return;
    }
    try {
      await mintToken({ ...integration, clientSecrets: [value] }, this.opts.http);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new KeysmithError('token_refused', `The new client secret ${pending.newUuid} did not mint a token yet (${why}); the old one is still in use and nothing was deleted: try again in a minute`, {
        integration: integration.name,
        action: 'rotate_secret',
      });
    }
    this.say('proved', `A token minted with the new client secret ${pending.newUuid}`);
    const at = this.now().toISOString();
    await this.savePending(
      { ...pending, step: 'switched', switchedAt: at },
      { heldUuid: pending.newUuid!, ...(pending.newCreatedAt !== undefined && { heldCreatedAt: pending.newCreatedAt }), lastRotatedAt: at },
      (secrets) => [value, ...secrets.filter((s) => s !== value)],
    );
    this.say('switched', `Keysmith now uses the new client secret ${pending.newUuid}; tokens are minted with it from now on`);
    // What Adobe reports for the old secret right after the switch: any later use is someone else's.
    const old = (await this.api.list()).find((s) => s.uuid !== pending.newUuid && (pending.oldUuid === undefined || s.uuid === pending.oldUuid));
    await this.savePending({ ...this.pending!, oldLastUsedAtSwitch: old?.lastUsedAt ?? null });
  }

  /** `switched`: delete the old secret when asked and safe. */
  async finish(listed: ListedSecret[]): Promise<RotationResult> {
    const pending = this.pending!;
    const integration = this.integration();
    const newUuid = pending.newUuid!;
    const others = listed.filter((s) => s.uuid !== newUuid);
    const old = pending.oldUuid !== undefined ? others.find((s) => s.uuid === pending.oldUuid) : others.length === 1 ? others[0] : undefined;
    const result = (state: RotationResult['state']): RotationResult => ({ state, newUuid, oldUuid: old?.uuid ?? pending.oldUuid ?? null, oldLastUsedAt: old?.lastUsedAt ?? null, events: this.events });
    const newValue = integration.clientSecrets.find((s) => sha256(s) === pending.newSecretSha256) ?? integration.clientSecrets[0]!;
    if (!old) {
      if (pending.oldUuid === undefined && others.length > 1) {
        throw new KeysmithError('rotation_blocked', `"${integration.name}": Adobe lists ${others.length} other client secrets and Keysmith cannot tell which was the old one; nothing was deleted`, { integration: integration.name });
      }
      await this.savePending(undefined, {}, () => [newValue]);
      this.say('done', 'The old client secret is no longer at Adobe: the rotation is complete');
      return result('done');
    }
    this.say('last-used', `The old client secret ${old.uuid} was last used ${describeTime(old.lastUsedAt)}`);
    if (!(this.opts.deleteOld || this.opts.finish)) {
      this.say('kept', `The old client secret ${old.uuid} stays valid at Adobe until it is deleted, once nothing uses it any more`);
      return result('switched');
    }
    if (!listed.some((s) => s.uuid === newUuid) || this.workingSecret !== newValue) {
      throw new KeysmithError(
        'rotation_blocked',
        `"${integration.name}": the new client secret ${newUuid} is not listed by Adobe or did not mint a token just now, so the old one may be the only working secret; nothing was deleted`,
        { integration: integration.name },
      );
    }
    const baseline = pending.oldLastUsedAtSwitch;
    const usedSince =
      old.lastUsedAt !== null &&
      (baseline !== undefined ? baseline === null || old.lastUsedAt > baseline : old.lastUsedAt > Date.parse(pending.switchedAt ?? pending.startedAt));
    if (usedSince && !this.opts.force) {
      throw new KeysmithError(
        'rotation_blocked',
        `"${integration.name}": the old client secret ${old.uuid} was last used ${describeTime(old.lastUsedAt)}, after the switch (${pending.switchedAt ?? 'unknown'}), so something other than this Keysmith still uses it; nothing was deleted. Move that to the new secret first, or confirm the deletion`,
        { integration: integration.name, action: 'force_finish_rotation' },
      );
    }
    await this.api.delete(old.uuid);
    this.say('deleted', `Deleted the old client secret ${old.uuid} at Adobe${usedSince ? ' (confirmed although it was used since the switch)' : ''}`);
    await this.savePending(undefined, {}, () => [newValue]);
    this.say('done', `The rotation is complete: ${newUuid} is the only client secret`);
    return result('done');
  }
}

/** Runs (or resumes) the rotation of `name`'s client secret; see the file comment for the steps. */
export async function rotateSecret(vault: Vault, name: string, opts: RotationOptions): Promise<RotationResult> {
  const integration = getIntegration(vault.document, name);
  secretLocation(integration);
  let release;
  try {
    release = await acquireLock(path.join(vault.paths.dir, `rotate-${integration.id}.lock`), LOCK_TIMEOUT_MS);
  } catch (err) {
    if (!isKeysmithError(err, 'vault_busy')) throw err;
    throw new KeysmithError('vault_busy', `Another Keysmith process is rotating the client secret of "${integration.name}" right now: wait for it to finish, then look again`, {
      integration: integration.name,
    });
  }
  try {
    // Another process may have advanced the rotation while this one waited.
    await vault.reload();
    const run = new Rotation(vault, integration.id, opts);
    if (opts.finish && !run.pending) {
      throw new KeysmithError('invalid_input', `"${integration.name}" has no rotation under way, so there is nothing to finish`, { integration: integration.name, action: 'rotate_secret' });
    }
    await run.connect();
    let listed = await run.list();
    if (!run.pending) await run.begin(listed);
    // A bounded loop: `added` can fall back to `adding` once when its value was lost.
    for (let round = 0; round < 4; round++) {
      const step = run.pending!.step;
      if (step === 'adding') listed = await run.add(listed);
      else if (step === 'added') {
        await run.switchOver(listed);
        // The old secret is deleted only through a token the new one minted: proof it carries the management scopes too.
        if (run.pending?.step === 'switched') await run.connect();
        listed = await run.list();
      } else return await run.finish(listed);
    }
    throw new KeysmithError('internal', 'The rotation did not settle after several steps; nothing more was done');
  } finally {
    await release();
  }
}
