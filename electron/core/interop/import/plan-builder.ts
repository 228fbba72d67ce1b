/**
 * Collects what a format parser found and turns it into a plan every candidate of which the vault
 * will accept: each is run through the model's own validateFields, so a problem shows now, next to
 * the file, rather than halfway through adding integrations. A bad optional field (a malformed
 * technical account email) is left out with a warning; a bad required one skips the candidate. A
 * file with nothing importable left is an error that lists why, so the user is never told "0 imported".
 */
import { KeysmithError, isKeysmithError } from '../../errors';
import { INTEGRATION_FIELD_NAMES, MAX_NAME_LENGTH } from '../../../shared/integration';
import { KIND_LABELS, type IntegrationKind } from '../../../shared/integration-kinds';
import { validateFields } from '../../integration-store';
import { nameKey } from '../../integration-view';
import { oneLine, type Json } from './field-values';
import type { ImportCandidate, ImportFormat, ImportPlan } from './import-candidate';

export interface Draft {
  source: string;
  credentialId?: string;
  /** Proposed name; made unique within the plan. */
  name: string;
  /** Model fields including `kind`, without `name`. */
  fields: Json;
  key?: ImportCandidate['key'];
  warnings: string[];
  keyAction?: ImportCandidate['keyAction'];
}

/** Optional fields a candidate can do without: left out rather than losing the whole credential. */
const DROPPABLE: Partial<Record<IntegrationKind, string[]>> = {
  apiKey: ['orgId'],
  oauthS2S: ['orgId', 'technicalAccountId', 'technicalAccountEmail'],
  jwt: ['technicalAccountEmail'],
};

const FIELD_WORDS: Record<string, string> = {
  orgId: 'the org id',
  technicalAccountId: 'the technical account id',
  technicalAccountEmail: 'the technical account email',
};

const NAME_MAX = MAX_NAME_LENGTH;
const MAX_REASONS = 4;

export class PlanBuilder {
  private readonly drafts: Draft[] = [];
  private readonly skipped: { text: string; field?: string }[] = [];
  private readonly planWarnings: string[] = [];

  constructor(
    private readonly format: ImportFormat,
    /** The file as messages name it mid-sentence: '"project.json"' or 'the file'. */
    readonly label: string,
  ) {}

  /** The label at the start of a sentence. */
  get Label(): string {
    return this.label.replace(/^the /, 'The ');
  }

  warn(text: string): void {
    this.planWarnings.push(text);
  }

  /** Something in the file that will not become a candidate; `reason` must hold no secret. */
  skip(source: string, reason: string, field?: string): void {
    this.planWarnings.push(`Skipped ${source}: ${reason}`);
    this.skipped.push({ text: `${source}: ${reason}`, ...(field ? { field } : {}) });
  }

  add(draft: Draft): void {
    this.drafts.push(draft);
  }

  get size(): number {
    return this.drafts.length;
  }

  finish(): ImportPlan {
    const candidates: ImportCandidate[] = [];
    const names = new Set<string>();
    const nextSuffix = new Map<string, number>();
    const credentials = new Map<string, ImportCandidate>();
    for (const draft of this.drafts) {
      const fields = this.validated(draft);
      if (!fields) continue;
      // One credential reached twice (a .env holding both aio's AIO_ims_contexts_* and OAUTH_* copies).
      const identity = `${String(fields.kind)}\u0000${String(fields.clientId)}`;
      const first = credentials.get(identity);
      if (first !== undefined) {
        fillGaps(first, fields, draft);
        this.skip(draft.source, `the same ${KIND_LABELS[fields.kind as IntegrationKind]} credential (same client id) as ${first.source}`);
        continue;
      }
      fields.name = uniqueName(String(fields.name), names, nextSuffix);
      const candidate: ImportCandidate = {
        source: draft.source,
        ...(draft.credentialId !== undefined ? { credentialId: draft.credentialId } : {}),
        fields,
        ...(draft.key ? { key: draft.key } : {}),
        warnings: draft.warnings,
        ...(draft.keyAction ? { keyAction: draft.keyAction } : {}),
      };
      credentials.set(identity, candidate);
      candidates.push(candidate);
    }
    if (candidates.length === 0) throw this.nothingToImport();
    return { format: this.format, candidates, warnings: this.planWarnings };
  }

  private validated(draft: Draft): Json | undefined {
    const fields: Json = { ...draft.fields, name: oneLine(draft.name, NAME_MAX) || 'Imported credential' };
    const droppable = DROPPABLE[fields.kind as IntegrationKind] ?? [];
    for (;;) {
      try {
        validateFields(fields);
        return fields;
      } catch (err) {
        if (!isKeysmithError(err, 'invalid_input')) throw err;
        const field = err.field ?? '';
        if (droppable.includes(field) && fields[field] !== undefined) {
          delete fields[field];
          draft.warnings.push(`Left out ${FIELD_WORDS[field] ?? field}: ${err.message}`);
          continue;
        }
        this.skip(draft.source, withoutUserinfo(err.message), field || undefined);
        return undefined;
      }
    }
  }

  private nothingToImport(): KeysmithError {
    if (this.skipped.length === 0) {
      return new KeysmithError('invalid_input', `Nothing to import from ${this.label}: it holds no credentials`, { field: 'file' });
    }
    const shown = this.skipped.slice(0, MAX_REASONS).map((s) => s.text);
    const more = this.skipped.length - shown.length;
    const reasons = shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
    const field = this.skipped.length === 1 ? this.skipped[0]!.field : undefined;
    return new KeysmithError('invalid_input', `Nothing to import from ${this.label}: ${reasons}`, { field: field ?? 'file' });
  }
}

/**
 * What a second copy of a credential knows and the first does not (Keysmith's own .env export pairs
 * an aio context, which can name no custom IMS host, with TOKEN_URL, which can) is kept rather than
 * dropped. Each field was validated with its own copy, and fields do not depend on one another.
 */
function fillGaps(kept: ImportCandidate, fields: Json, duplicate: Draft): void {
  for (const field of INTEGRATION_FIELD_NAMES) {
    const value = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (value !== undefined && field !== 'name' && field !== 'description' && kept.fields[field] === undefined) kept.fields[field] = value;
  }
  if (!kept.key && duplicate.key) kept.key = duplicate.key;
}

/**
 * The model's endpoint messages quote the endpoint, which is no secret unless someone wrote a
 * password into it (https://user:secret@host): that part never reaches a message.
 */
function withoutUserinfo(message: string): string {
  return message.replace(/(\/\/)[^/\s"@]*@/g, '$1…@');
}

/**
 * Vault names are unique regardless of case, so the plan's are too: "Name", "Name (2)", …
 * `next` remembers per name the first suffix not yet tried: every smaller one is taken for good, so
 * 28,000 credentials of one name cost 28,000 look-ups, not 28,000² / 2.
 */
function uniqueName(name: string, taken: Set<string>, next: Map<string, number>): string {
  const key = nameKey(name);
  for (let n = next.get(key) ?? 1; ; n++) {
    const suffix = ` (${n})`;
    const candidate = n === 1 ? name : `${name.slice(0, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(nameKey(candidate))) {
      taken.add(nameKey(candidate));
      next.set(key, n + 1);
      return candidate;
    }
  }
}
