import { useId, useState, type FormEvent } from 'react';
import {
  AIO_CONTEXT_NAME,
  AIO_CONTEXT_RULE,
  CONTEXT_EXPORT_FORMATS,
  EXPORT_FORMATS,
  TOKEN_EXPORT_FORMATS,
  type ExportFormat,
} from '../../../electron/shared/formats';
import type { IntegrationKind } from '../../../electron/shared/integration';
import { call, type IpcError, type KeysmithApi, type ResponseOf } from '../bridge';
import { ErrorMessage } from '../errors/ErrorActions';
import { TextField } from '../settings/TextField';

export interface ExportPanelProps {
  api: KeysmithApi;
  name: string;
  kind: IntegrationKind;
  onClose: () => void;
}

const FORMAT_LABELS: Record<ExportFormat, string> = {
  env: '.env file (aio and dotenv)',
  aio: 'aio CLI context (JSON)',
  postman: 'Postman environment',
  curl: 'curl token request (shell script)',
};

const has = (list: readonly ExportFormat[], format: ExportFormat) => list.includes(format);
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * Write the integration for another tool, with the CLI's export options: secrets only when asked,
 * an aio context name, the current token. Main chooses where (its save dialog) and answers with what
 * the other tool will do differently from Keysmith, shown here after the save.
 */
export function ExportPanel({ api, name, kind, onClose }: ExportPanelProps) {
  const [format, setFormat] = useState<ExportFormat>('env');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [contextText, setContextText] = useState('');
  const [withToken, setWithToken] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ResponseOf<'interop:export'> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const titleId = useId();
  const formatId = useId();
  const secretsId = useId();
  const tokenId = useId();

  const takesContext = has(CONTEXT_EXPORT_FORMATS, format);
  const takesToken = has(TOKEN_EXPORT_FORMATS, format) && kind !== 'apiKey';
  const context = contextText.trim();
  const contextError = takesContext && context !== '' && !AIO_CONTEXT_NAME.test(context) ? sentence(AIO_CONTEXT_RULE) : null;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy || contextError) return;
    setBusy(true);
    setError(null);
    setResult(null);
    const answer = await call(
      api.interop.export({
        name,
        format,
        includeSecrets,
        ...(takesContext && context !== '' && { context }),
        ...(takesToken && withToken && { withToken: true }),
      }),
    );
    setBusy(false);
    if (answer.ok) setResult(answer.value);
    else setError(answer.error);
  }

  return (
    <section className="export-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>Export</h3>
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="form-field">
          <label htmlFor={formatId}>Format</label>
          <select id={formatId} value={format} onChange={(e) => { setFormat(e.target.value as ExportFormat); setResult(null); }}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="row">
          <input id={secretsId} type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
          <label htmlFor={secretsId}>Include secrets (the file is then readable by you only)</label>
        </div>
        {takesContext && (
          <TextField
            label="aio context name"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={contextText}
            onValue={setContextText}
            placeholder="made from the integration's name"
            hint="Lowercase letters, digits, - and _, at most 64. Leave empty to use the integration's name."
            error={contextError}
          />
        )}
        {takesToken && (
          <div className="row">
            <input id={tokenId} type="checkbox" checked={withToken} onChange={(e) => setWithToken(e.target.checked)} />
            <label htmlFor={tokenId}>Include the current access token (minted now if none is cached)</label>
          </div>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || Boolean(contextError)}>
            {busy ? 'Exporting…' : 'Export…'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {error && <ErrorMessage error={error} />}
      {result && (
        <div role="status" className="notice">
          <p>{result.saved ? `Saved to ${result.path}.` : 'Not saved.'}</p>
          {result.warnings.length > 0 && (
            <>
              <p>{result.saved ? 'Note what the other tool will do differently:' : 'Had it been saved, the other tool would do this differently:'}</p>
              <ul className="export-warnings">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
