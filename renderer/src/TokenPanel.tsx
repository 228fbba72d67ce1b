import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { TokenFormat } from '../../electron/shared/formats';
import { call, type IpcError, type KeysmithApi, type TokenStatus } from './bridge';
import { copiedState, CopyNotice, type CopyState } from './CopyNotice';
import { ErrorMessage } from './errors/ErrorActions';
import { TokenExpiry } from './TokenExpiry';
import { useShortcuts } from './useShortcuts';
import { appMessage } from './errors/nextStep';
import { hintFor } from './errorHints';
import { copyTokenOf } from './tokens/copyToken';
import { CopyTokenButton } from './tokens/CopyTokenButton';
import { rememberedFormat } from './tokens/formatMemory';

export { FORMAT_OPTIONS } from './tokens/copyToken';

interface Props {
  api: KeysmithApi;
  name: string;
  /** the integration's id, under which its copy format is remembered (the name when absent) */
  id?: string;
  /** why a token cannot be had now (a JWT integration without a key): the copy button says so */
  blockedReason?: string | null;
  /** after a mint, copy or auto-refresh change, so the list's status line follows */
  onTokenChanged?: () => void;
  /** after every copy or refresh: the error, or null when it worked, so the list row shows it */
  onTokenResult?: (error: IpcError | null) => void;
  /** "Refresh token of X" from the palette: refresh once on mount */
  refreshOnMount?: boolean;
}

const STATE_TEXT: Record<TokenStatus['state'], string> = {
  none: 'No token yet: copying gets one.',
  valid: 'Valid.',
  expiring: 'Expiring: renewed at the next use.',
  expired: 'Expired: copying gets a new one.',
};

export function TokenPanel({ api, name, id, blockedReason, onTokenChanged, onTokenResult, refreshOnMount }: Props) {
  const target = { id: id ?? name, name };
  const [status, setStatus] = useState<TokenStatus | null>(null);
  const [format, setFormat] = useState<TokenFormat>(() => rememberedFormat(target.id));
  const [copy, setCopy] = useState<CopyState>(null);
  const [preview, setPreview] = useState<string | undefined>(undefined);
  const [copiedAt, setCopiedAt] = useState<number | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const autoId = useId();

  const loadStatus = useCallback(async () => {
    const result = await call(api.tokens.status({ name }));
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, [api, name]);

  // The menu's "Copy token" (Ctrl/Cmd+Shift+C in the shell) copies the selected one, in its format.
  const copyRef = useRef<(f?: TokenFormat) => void>(() => {});
  useEffect(() => api.on('menu:copySelectedToken', () => copyRef.current()), [api]);
  useShortcuts({ copySelectedToken: () => copyRef.current() });

  useEffect(() => {
    void loadStatus();
    const offRefreshed = api.on('token:refreshed', (p) => p.name === name && void loadStatus());
    const offFailed = api.on('token:failed', (p) => {
      if (p.name !== name) return;
      const failure: IpcError = { code: p.code, message: p.message, integration: name, ...(p.action !== undefined && { action: p.action }) };
      setError({ ...failure, message: appMessage(failure) });
    });
    const offCleared = api.on('clipboard:cleared', () => setCopy(null));
    return () => {
      offRefreshed();
      offFailed();
      offCleared();
    };
  }, [api, name, loadStatus]);

  function failed(e: IpcError) {
    const withName = { ...e, integration: e.integration ?? name };
    setError(withName);
    onTokenResult?.(withName);
  }

  async function copyToken(chosen?: TokenFormat) {
    if (blockedReason) return;
    if (chosen) setFormat(chosen);
    setBusy(true);
    const result = await copyTokenOf(api, target, chosen);
    setBusy(false);
    if (result.ok) {
      setCopy(copiedState(result.value.clearsInSeconds));
      setPreview(result.value.preview);
      setCopiedAt(Date.now());
      setError(null);
      onTokenResult?.(null);
      void loadStatus();
      onTokenChanged?.();
    } else {
      setCopy(null);
      failed(result.error);
    }
  }

  copyRef.current = (f) => void copyToken(f);

  async function refresh() {
    setBusy(true);
    const result = await call(api.tokens.mint({ name, force: true }));
    setBusy(false);
    if (result.ok) {
      setStatus(result.value);
      setError(null);
      onTokenResult?.(null);
      onTokenChanged?.();
    } else {
      failed(result.error);
    }
  }

  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    if (refreshOnMount && !blockedReason) void refreshRef.current();
  }, [refreshOnMount, blockedReason]);

  async function toggleAuto(enabled: boolean) {
    const result = await call(api.tokens.setAutoRefresh({ name, enabled }));
    if (result.ok) {
      setStatus(result.value);
      onTokenChanged?.();
    } else setError(result.error);
  }

  const lastError = error ?? (status?.refreshError ? { code: 'token_unavailable' as const, message: status.refreshError, integration: name } : null);
  const hint = lastError ? hintFor(lastError) : null;
  return (
    <section className={`token-panel${lastError ? ' has-error' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId}>Access token</h3>
      {status && (
        <p className="token-state">
          {STATE_TEXT[status.state]}{' '}
          {status.expiresAt !== null && status.state !== 'expired' && <TokenExpiry expiresAt={status.expiresAt} />}
        </p>
      )}
      <CopyTokenButton format={format} busy={busy} disabledReason={blockedReason} copiedAt={copiedAt} onCopy={(f) => void copyToken(f)} />
      <CopyNotice state={copy} what="Token" preview={preview} />
      <div className="row">
        <button type="button" onClick={() => void refresh()} disabled={busy || Boolean(blockedReason)}>
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
      {lastError && <ErrorMessage error={lastError} hint={hint} />}
    </section>
  );
}
