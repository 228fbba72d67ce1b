import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, type IpcError, type KeysmithApi, type ResponseOf } from './bridge';
import { DeleteConfirm } from './detail/DeleteConfirm';
import { FavoriteButton } from './detail/FavoriteButton';
import { FieldRows } from './detail/FieldRows';
import { OverflowMenu } from './detail/OverflowMenu';
import { EditIntegration } from './forms/EditIntegration';
import { KIND_LABELS, signsInUser, signsWithKey } from '../../electron/shared/integration-kinds';
import { SignInPanel } from './SignInPanel';
import { ariaKeyShortcuts, shortcutOf, shortcutTitle } from '../../electron/shared/shortcuts';
import { KeypairPanel } from './keys/KeypairPanel';
import { TokenPanel } from './TokenPanel';
import { ExportPanel } from './export/ExportPanel';
import { ErrorActionProvider, ErrorMessage, type ActionHandlers } from './errors/ErrorActions';
import './forms/forms.css';

type Masked = ResponseOf<'integrations:get'>;

/** What to do once the integration is shown: from an error's button or the command palette. */
export type DetailIntent = 'replace_secret' | 'generate_key' | 'keys' | 'edit' | 'refresh';

/** Why no token can be had yet, or null: a key-signed integration with no key. */
export function tokenBlockedReason(integration: Masked): string | null {
  if (!signsWithKey(integration) || (integration.keys?.length ?? 0) > 0) return null;
  return 'Copying needs a key: this integration signs its token request with one. Generate or import it under “Keys and certificates”.';
}

interface Props {
  api: KeysmithApi;
  name: string;
  /**
   * After an edit (with the name, which may have changed), a favourite toggle, a duplicate (with
   * the copy's name), a keypair change, or a delete (null), so the list can reload and reselect.
   */
  onChanged?: (next: { name: string } | null) => void;
  intent?: DetailIntent | undefined;
  /** after every copy or refresh of its token: the error, or null when it worked */
  onTokenResult?: (error: IpcError | null) => void;
}

type Mode = 'view' | 'edit' | 'confirm-delete' | 'export' | 'deleted';

export function IntegrationDetail({ api, name, onChanged, intent, onTokenResult }: Props) {
  const [integration, setIntegration] = useState<Masked | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editFocus, setEditFocus] = useState<'clientSecrets' | undefined>(undefined);
  const editRef = useRef<HTMLButtonElement>(null);
  const keysRef = useRef<HTMLDivElement>(null);

  /** `wanted` is false once the view moved on, so a late answer does not overwrite a newer one. */
  const load = useCallback(
    async (wanted: () => boolean = () => true) => {
      const result = await call(api.integrations.get({ name }));
      if (!wanted()) return;
      if (result.ok) setIntegration(result.value);
      else setLoadError(result.error);
    },
    [api, name],
  );

  useEffect(() => {
    let active = true;
    void load(() => active);
    return () => {
      active = false;
    };
  }, [load]);

  const startEdit = useCallback((focus?: 'clientSecrets') => {
    setNotice(null);
    setActionError(null);
    setEditFocus(focus);
    setMode('edit');
  }, []);

  const showKeys = useCallback(() => {
    const keys = keysRef.current;
    if (!keys) return;
    keys.scrollIntoView?.({ block: 'start' });
    (keys.querySelector<HTMLElement>('.key-wizard button[type="submit"], button') ?? keys).focus();
  }, []);

  // An intent runs once, when the integration has loaded (and its key section exists).
  const intentDone = useRef(false);
  useEffect(() => {
    if (!integration || intentDone.current || !intent) return;
    intentDone.current = true;
    if (intent === 'replace_secret') startEdit('clientSecrets');
    else if (intent === 'edit') startEdit();
    else if (intent === 'generate_key' || intent === 'keys') requestAnimationFrame(showKeys);
  }, [integration, intent, startEdit, showKeys]);

  const handlers = useMemo<ActionHandlers>(
    () => ({
      replace_secret: () => startEdit('clientSecrets'),
      edit: () => startEdit(),
      generate_key: showKeys,
      use_other_key: showKeys,
    }),
    [startEdit, showKeys],
  );

  // Ctrl/Cmd+E edits the shown integration, unless the user is typing somewhere. Listening from
  // mount and reading the current state through a ref means the shortcut works from the first paint.
  const shortcutRef = useRef<() => void>(() => {});
  shortcutRef.current = () => {
    if (mode === 'view' && integration) startEdit();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select');
      if (shortcutOf(e) === 'edit' && !typing) {
        e.preventDefault();
        shortcutRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function backToView(message: string | null) {
    setMode('view');
    setNotice(message);
    // Back where the user started, once the view's buttons exist again.
    requestAnimationFrame(() => editRef.current?.focus());
  }

  function onSaved(updated: Masked) {
    setIntegration(updated);
    backToView('Saved.');
    onChanged?.({ name: updated.name });
  }

  async function duplicate() {
    if (!integration) return;
    setBusy(true);
    setActionError(null);
    const result = await call(api.integrations.duplicate({ name: integration.name }));
    setBusy(false);
    if (!result.ok) return setActionError(result.error);
    setNotice(`Duplicated as “${result.value.name}”.`);
    onChanged?.({ name: result.value.name });
  }

  async function remove() {
    if (!integration) return;
    setBusy(true);
    setActionError(null);
    const result = await call(api.integrations.delete({ name: integration.name }));
    setBusy(false);
    if (!result.ok) return setActionError(result.error);
    setMode('deleted');
    onChanged?.(null);
  }

  if (loadError) {
    return (
      <section className="detail" aria-label={name}>
        <ErrorMessage error={loadError} />
      </section>
    );
  }
  if (!integration) {
    return (
      <section className="detail" aria-label={name} aria-busy="true">
        <p>Loading {name}…</p>
      </section>
    );
  }
  if (mode === 'deleted') {
    return (
      <section className="detail empty-state" aria-label={name}>
        <p role="status">Deleted “{integration.name}”.</p>
      </section>
    );
  }

  const blocked = tokenBlockedReason(integration);
  return (
    <ErrorActionProvider handlers={handlers}>
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-header">
        <h2 id="detail-title">{integration.name}</h2>
        <FavoriteButton api={api} id={integration.id} onToggled={() => onChanged?.({ name: integration.name })} />
      </div>
      <p className="kind">{KIND_LABELS[integration.kind]}</p>
      {mode !== 'edit' && (
        <div className="detail-actions">
          <button type="button" ref={editRef} onClick={() => startEdit()} title={shortcutTitle('edit')} aria-keyshortcuts={ariaKeyShortcuts('edit')}>
            Edit
          </button>
          <button type="button" onClick={() => setMode('export')} disabled={mode === 'export'} title="Write it for aio, a .env, Postman or curl">
            Export…
          </button>
          <OverflowMenu
            items={[
              { label: 'Duplicate', onSelect: () => void duplicate(), disabled: busy, title: 'Make a copy with the same credentials, e.g. to vary the scopes' },
              { label: 'Delete…', onSelect: () => setMode('confirm-delete'), disabled: mode === 'confirm-delete', destructive: true, title: 'Delete this integration (asks first)' },
            ]}
          />
        </div>
      )}
      {mode === 'confirm-delete' && (
        <DeleteConfirm
          name={integration.name}
          hasToken={integration.kind !== 'apiKey'}
          keyCount={integration.keys?.length ?? 0}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => backToView(null)}
        />
      )}
      {mode === 'export' && <ExportPanel api={api} name={integration.name} kind={integration.kind} onClose={() => backToView(null)} />}
      {actionError && <ErrorMessage error={actionError} />}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {mode === 'edit' ? (
        <EditIntegration api={api} integration={integration} onSaved={onSaved} onCancel={() => backToView(null)} focusField={editFocus} />
      ) : (
        <FieldRows api={api} integration={integration} />
      )}
      {signsInUser(integration.kind) && <SignInPanel api={api} name={integration.name} onChanged={() => onChanged?.({ name: integration.name })} />}
      {integration.kind !== 'apiKey' && (
        <TokenPanel
          api={api}
          name={integration.name}
          id={integration.id}
          blockedReason={blocked}
          refreshOnMount={intent === 'refresh'}
          onTokenChanged={() => onChanged?.({ name: integration.name })}
          {...(onTokenResult && { onTokenResult })}
        />
      )}
      {blocked && (
        <p className="row">
          <button type="button" onClick={showKeys}>
            Generate key…
          </button>
        </p>
      )}
      {signsWithKey(integration) && (
        <div ref={keysRef} tabIndex={-1} className="keys-anchor">
        <KeypairPanel
          api={api}
          name={integration.name}
          onChanged={() => {
            void load();
            onChanged?.({ name: integration.name });
          }}
        />
        </div>
      )}
    </section>
    </ErrorActionProvider>
  );
}
