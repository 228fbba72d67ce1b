import { useId, useState, type FormEvent } from 'react';
import type { RequestOf } from '../bridge';
import { TextField } from '../settings/TextField';
import {
  DEFAULT_CERTIFICATE_DAYS,
  DEFAULT_RSA_KEY_SIZE,
  MAX_CERTIFICATE_DAYS,
  RSA_KEY_SIZES,
  type RsaKeySize,
} from '../../../electron/shared/key-limits';
import { EMPTY_SUBJECT, subjectError, subjectOf, type SubjectDraft, type SubjectKey } from './subject';
import { parseDays } from './validity';
import './keys.css';

export type GenerateRequest = Omit<RequestOf<'keypairs:generate'>, 'name'>;

interface Props {
  integrationName: string;
  /** another action is running */
  busy: boolean;
  /** this form's key is being generated (0.2 to 2 s for 2048 bits, longer for 4096) */
  generating: boolean;
  /** a rotation: the integration already has a key, which keeps signing until the new one is made active */
  rotating: boolean;
  onGenerate: (request: GenerateRequest) => void;
  onCancel?: () => void;
}

const SUBJECT_LABELS: [SubjectKey, string][] = [
  ['CN', 'Common name (CN)'],
  ['O', 'Organization (O)'],
  ['OU', 'Organizational unit (OU)'],
  ['C', 'Country (C)'],
];

/** Key size, validity and subject for a new keypair and its self-signed certificate. */
export function KeyWizard({ integrationName, busy, generating, rotating, onGenerate, onCancel }: Props) {
  const [bits, setBits] = useState<RsaKeySize>(DEFAULT_RSA_KEY_SIZE);
  const [daysText, setDaysText] = useState(String(DEFAULT_CERTIFICATE_DAYS));
  const [subject, setSubject] = useState<SubjectDraft>(EMPTY_SUBJECT);
  const sizeId = useId();
  const titleId = useId();

  const days = parseDays(daysText);
  const subjectErrors = Object.fromEntries(SUBJECT_LABELS.map(([key]) => [key, subjectError(key, subject[key])])) as Record<SubjectKey, string | null>;
  const invalid = days.error !== null || Object.values(subjectErrors).some(Boolean);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (invalid || busy || days.days === null) return;
    const chosen = subjectOf(subject);
    onGenerate({ bits, days: days.days, ...(chosen && { subject: chosen }) });
  }

  return (
    <form className="key-wizard" onSubmit={submit} aria-labelledby={titleId} aria-busy={generating || undefined}>
      <h4 id={titleId}>{rotating ? 'Rotate: generate a new key' : 'Generate a key'}</h4>
      {rotating && (
        <p className="form-hint">
          The current key keeps signing. Upload the new certificate first, then make the new key active, then remove the old one.
        </p>
      )}
      <div className="form-field">
        <label htmlFor={sizeId}>Key size</label>
        <select id={sizeId} value={bits} onChange={(e) => setBits(Number(e.target.value) as RsaKeySize)} aria-describedby={`${sizeId}-hint`}>
          {RSA_KEY_SIZES.map((size) => (
            <option key={size} value={size}>
              {size} bits
            </option>
          ))}
        </select>
        <p id={`${sizeId}-hint`} className="form-hint">
          2048 bits is what Adobe documents; larger keys take longer to generate.
        </p>
      </div>
      <TextField
        label="Valid for (days)"
        inputMode="numeric"
        value={daysText}
        onValue={setDaysText}
        hint={`1 to ${MAX_CERTIFICATE_DAYS} days. The Developer Console's own certificates last ${DEFAULT_CERTIFICATE_DAYS}.`}
        error={days.error}
      />
      <fieldset className="key-subject">
        <legend>Certificate subject (optional)</legend>
        {SUBJECT_LABELS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            value={subject[key]}
            onValue={(value) => setSubject((s) => ({ ...s, [key]: value }))}
            error={subjectErrors[key]}
            autoComplete="off"
            {...(key === 'CN' && { placeholder: integrationName, hint: 'Left empty: the integration’s name.' })}
            {...(key === 'C' && { maxLength: 2, placeholder: 'US' })}
          />
        ))}
      </fieldset>
      <div className="row">
        <button type="submit" className="primary" disabled={busy || invalid}>
          {generating ? 'Generating…' : 'Generate'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
