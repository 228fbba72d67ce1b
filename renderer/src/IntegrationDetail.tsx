import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type IpcError, type KeysmithApi, type ResponseOf } from './bridge';
import { DeleteConfirm } from './detail/DeleteConfirm';
import { FavoriteButton } from './detail/FavoriteButton';
import { FieldRows } from './detail/FieldRows';
import { EditIntegration } from './forms/EditIntegration';
import { KIND_LABELS, signsInUser, signsWithKey } from '../../electron/shared/integration-kinds';
import { SignInPanel } from './SignInPanel';
import { ariaKeyShortcuts, shortcutOf, shortcutTitle } from '../../electron/shared/shortcuts';
import { KeypairPanel } from './keys/KeypairPanel';
import { TokenPanel } from './TokenPanel';
import './forms/forms.css';

type Masked = ResponseOf<'integrations:get'>;

interface Props {
  api: KeysmithApi;
  name: string;
  /**
   * After an edit (with the name, which may have changed), a favourite toggle, a duplicate (with
   * the copy's name), a keypair change, or a delete (null), so the list can reload and reselect.
   */
  onChanged?: (next: { name: string } | null) => void;
}

type Mode = 'view' | 'edit' | 'confirm-delete' | 'deleted';

export function IntegrationDetail({ api, name, onChanged }: Props) {
  const [integration, setIntegration] = useState<Masked | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);

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

  const startEdit = useCallback(() => {
    setNotice(null);
    setActionError(null);
    setMode('edit');
  }, []);

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
        <p role="alert" className="error-text">
          {loadError.message}
        </p>
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

  return (
    <section className="detail" aria-labelledby="detail-title">
      <div className="detail-header">
        <h2 id="detail-title">{integration.name}</h2>
        <FavoriteButton api={api} id={integration.id} onToggled={() => onChanged?.({ name: integration.name })} />
      </div>
      <p className="kind">{KIND_LABELS[integration.kind]}</p>
      {mode !== 'edit' && (
        <div className="detail-actions">
          <button type="button" ref={editRef} onClick={startEdit} title={shortcutTitle('edit')} aria-keyshortcuts={ariaKeyShortcuts('edit')}>
            Edit
          </button>
          <button type="button" onClick={() => void duplicate()} disabled={busy} title="Make a copy with the same credentials, e.g. to vary the scopes">
            Duplicate
          </button>
          <button type="button" onClick={() => setMode('confirm-delete')} disabled={mode === 'confirm-delete'} title="Delete this integration (asks first)">
            Delete…
          </button>
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
      {actionError && (
        <p role="alert" className="error-text">
          {actionError.message}
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {mode === 'edit' ? (
        <EditIntegration api={api} integration={integration} onSaved={onSaved} onCancel={() => backToView(null)} />
      ) : (
        <FieldRows api={api} integration={integration} />
      )}
      {signsInUser(integration.kind) && <SignInPanel api={api} name={integration.name} onChanged={() => onChanged?.({ name: integration.name })} />}
      {integration.kind !== 'apiKey' && <TokenPanel api={api} name={integration.name} onTokenChanged={() => onChanged?.({ name: integration.name })} />}
      {signsWithKey(integration) && (
        <KeypairPanel
          api={api}
          name={integration.name}
          onChanged={() => {
            void load();
            onChanged?.({ name: integration.name });
          }}
        />
      )}
    </section>
  );
}
