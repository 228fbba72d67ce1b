import { useState } from 'react';
import { COPYABLE_FIELDS, FIELD_LABELS, SHOWN_FIELDS, type CopyableField, type FieldName } from '../../../electron/shared/fields';
import { call, type KeysmithApi, type ResponseOf } from '../bridge';
import { copiedState, CopyNotice, type CopyState } from '../CopyNotice';
import { SecretField } from '../SecretField';

type Masked = ResponseOf<'integrations:get'>;

/** Non-secret fields in display order, the description last; absent ones are skipped. */
const FIELDS: FieldName[] = [...SHOWN_FIELDS, 'description'];

/** Identifiers people paste into requests and consoles: copied by main, which owns the clipboard. */
const COPYABLE = new Set<string>(COPYABLE_FIELDS);

/** Free text people write; everything else shown is a value (ids, URLs, scopes) and set in monospace. */
const PROSE = new Set<string>(['description']);

function show(value: unknown): string | null {
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'string') return value || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

interface Props {
  api: KeysmithApi;
  integration: Masked;
}

/** The integration's fields as a definition list, secrets masked, identifiers with a copy button. */
export function FieldRows({ api, integration }: Props) {
  const [copy, setCopy] = useState<{ field: string; state: CopyState } | null>(null);
  const record = integration as unknown as Record<string, unknown>;

  async function copyField(field: CopyableField) {
    const result = await call(api.secrets.copyField({ name: integration.name, field }));
    setCopy({ field, state: result.ok ? copiedState(result.value.clearsInSeconds) : { ok: false, error: result.error } });
  }

  return (
    <dl className="fields">
      {FIELDS.map((key) => {
        const label = FIELD_LABELS[key];
        const text = show(record[key]);
        if (text === null) return null;
        return (
          <div className="field" key={key}>
            <dt>{label}</dt>
            <dd>
              {Array.isArray(record[key]) ? (
                <ul className="chips" aria-label={label}>
                  {(record[key] as unknown[]).map((v, n) => (
                    <li className="chip" key={n}>
                      <code>{String(v)}</code>
                    </li>
                  ))}
                </ul>
              ) : PROSE.has(key) ? (
                <span className="prose">{text}</span>
              ) : (
                <code>{text}</code>
              )}
              {COPYABLE.has(key) && (
                <>
                  {' '}
                  <button type="button" className="copy-button" onClick={() => void copyField(key as CopyableField)} aria-label={`Copy ${label.charAt(0).toLowerCase()}${label.slice(1)}`}>
                    Copy
                  </button>
                  {copy?.field === key && <CopyNotice state={copy.state} what={label} />}
                </>
              )}
            </dd>
          </div>
        );
      })}
      {integration.clientSecrets && integration.clientSecrets.length > 0 && (
        <SecretField api={api} name={integration.name} masked={integration.clientSecrets} />
      )}
    </dl>
  );
}
