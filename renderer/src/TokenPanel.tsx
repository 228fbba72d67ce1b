import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ariaKeyShortcuts, shortcutTitle } from '../../electron/shared/shortcuts';
import { call, type IpcError, type KeysmithApi, type RequestOf, type TokenStatus } from './bridge';
import { copiedState, CopyNotice, type CopyState } from './CopyNotice';
import { Countdown } from './Countdown';
import { useShortcuts } from './useShortcuts';
import { appMessage } from './errorActions';
import { hintFor } from './errorHints';

type Format = NonNullable<RequestOf<'tokens:copy'>['format']>;

/** The formats offered, in the order the issue lists them. */
export const FORMAT_OPTIONS: [Format, string][] = [
  ['raw', 'Token'],
  ['header', 'Authorization header'],
  ['curl', 'curl command'],
  ['env', 'Environment variables'],
];

interface Props {
  api: KeysmithApi;
  name: string;
  /** after a mint, copy or auto-refresh change, so the list's status line follows */
  onTokenChanged?: () => void;
}

const STATE_TEXT: Record<TokenStatus['state'], string> = {
  none: 'No token yet: copying mints one.',
  valid: 'Token valid.',
  expiring: 'Token expiring: it is renewed at the next use.',
  expired: 'Token expired: copying mints a new one.',
};

export function TokenPanel({ api, name, onTokenChanged }: Props) {
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [format, setFormat] = useState<Format>('raw');
  const [copy, setCopy] = useState<CopyState>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const formatId = useId();
  const autoId = useId();

  const loadStatus = useCallback(async () => {
    const result = await call(api.tokens.status({ name }));
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, [api, name]);

  // The menu's "Copy token" (Ctrl/Cmd+Shift+C in the shell) copies the selected one, in the chosen format.
  const copyRef = useRef<() => void>(() => {});
  useEffect(() => api.on('menu:copySelectedToken', () => copyRef.current()), [api]);
  useShortcuts({ copySelectedToken: () => copyRef.current() });

  useEffect(() => {
    void loadStatus();
    const offRefreshed = api.on('token:refreshed', (p) => p.name === name && void loadStatus());
    const offFailed = api.on('token:failed', (p) => {
      if (p.name !== name) return;
      const failure: IpcError = { code: p.code, message: p.message, ...(p.action !== undefined && { action: p.action }) };
      setError({ ...failure, message: appMessage(failure) });
    });
    const offCleared = api.on('clipboard:cleared', () => setCopy(null));
    return () => {
      offRefreshed();
      offFailed();
      offCleared();
    };
  }, [api, name, loadStatus]);

  async function copyToken() {
    setBusy(true);
    const result = await call(api.tokens.copy({ name, format }));
    setBusy(false);
    if (result.ok) {
      setCopy(copiedState(result.value.clearsInSeconds));
      setError(null);
      void loadStatus();
      onTokenChanged?.();
    } else {
      setCopy(null);
      setError(result.error);
    }
  }

  copyRef.current = () => void copyToken();

  async function refresh() {
    setBusy(true);
    const result = await call(api.tokens.mint({ name, force: true }));
    setBusy(false);
    if (result.ok) {
      setStatus(result.value);
      setError(null);
      onTokenChanged?.();
    } else {
      setError(result.error);
    }
  }

  async function toggleAuto(enabled: boolean) {
    const result = await call(api.tokens.setAutoRefresh({ name, enabled }));
    if (result.ok) {
      setStatus(result.value);
      onTokenChanged?.();
    } else setError(result.error);
  }

  const lastError = error ?? (status?.refreshError ? { code: 'token_unavailable' as const, message: status.refreshError } : null);
  const hint = lastError ? hintFor(lastError) : null;
  return (
    <section className="token-panel" aria-labelledby={`${formatId}-title`}>
      <h3 id={`${formatId}-title`}>Access token</h3>
      {status && (
        <p className="token-state">
          {STATE_TEXT[status.state]}{' '}
          {status.expiresAt !== null && status.state !== 'expired' && <Countdown expiresAt={status.expiresAt} />}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary big"
          onClick={() => void copyToken()}
          disabled={busy}
          title={shortcutTitle('copySelectedToken')}
          aria-keyshortcuts={ariaKeyShortcuts('copySelectedToken')}
        >
          Copy token
        </button>
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          {FORMAT_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <CopyNotice state={copy} what="Token" />
      <div className="row">
        <button type="button" onClick={() => void refresh()} disabled={busy}>
          Refresh now
        </button>
        <input
          id={autoId}
          type="checkbox"
          role="switch"
          checked={status?.autoRefresh ?? false}
          disabled={!status}
          onChange={(e) => void toggleAuto(e.target.checked)}
        />
        <label htmlFor={autoId}>Refresh automatically</label>
      </div>
      {lastError && (
        <div role="alert" className="error-box">
          <p className="error-text">{lastError.message}</p>
          {hint && <p>{hint}</p>}
        </div>
      )}
    </section>
  );
}
