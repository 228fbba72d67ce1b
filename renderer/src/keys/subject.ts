import type { RequestOf } from '../bridge';
import { MAX_SUBJECT_LENGTH } from '../../../electron/shared/key-limits';

export type Subject = NonNullable<RequestOf<'keypairs:generate'>['subject']>;
export type SubjectKey = keyof Subject;
export type SubjectDraft = Record<SubjectKey, string>;

export const EMPTY_SUBJECT: SubjectDraft = { CN: '', O: '', OU: '', C: '' };

/** The message for one subject field as typed, or null when it is fine (empty ones are left out). */
export function subjectError(key: SubjectKey, value: string): string | null {
  const text = value.trim();
  if (key === 'C') return text === '' || /^[A-Za-z]{2}$/.test(text) ? null : 'Country must be a two-letter code, e.g. US or DE';
  return text.length > MAX_SUBJECT_LENGTH ? `At most ${MAX_SUBJECT_LENGTH} characters` : null;
}

/** Only the fields filled in; undefined when none is, so main uses its defaults (CN = the integration's name). */
export function subjectOf(draft: SubjectDraft): Subject | undefined {
  const out: Subject = {};
  for (const key of Object.keys(draft) as SubjectKey[]) {
    const text = draft[key].trim();
    if (text) out[key] = key === 'C' ? text.toUpperCase() : text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
