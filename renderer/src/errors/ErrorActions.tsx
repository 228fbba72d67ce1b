import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ErrorAction } from '../../../electron/shared/error-codes';
import type { IpcError } from '../bridge';

/** Where the Developer Console's projects are; an allowlisted host (app/window-policy.ts). */
export const DEVELOPER_CONSOLE_URL = 'https://developer.adobe.com/console/projects';

/**
 * The button for each next step main can name (shared/error-codes.ts). Every action has a label,
 * so a new one fails the typecheck here until the app knows how to offer it.
 */
export const ACTION_LABELS: Record<ErrorAction, string> = {
  init: 'Create a vault…',
  unlock: 'Unlock…',
  recover: 'Use the recovery key…',
  restore_backup: 'Restore the previous vault…',
  use_passphrase: 'Use a passphrase instead…',
  replace_secret: 'Replace secret…',
  generate_key: 'Generate key…',
  upload_certificate: 'Open in Developer Console',
  use_other_key: 'Choose another key…',
  key_passphrase: 'Enter the key’s passphrase…',
  sign_in: 'Sign in…',
  list: 'Reload the list',
  edit: 'Edit…',
  bundle_export: 'Export a bundle…',
  include_secrets: 'Include secrets…',
  overwrite: 'Replace the file…',
  pick_credential: 'Pick a credential…',
  list_keys: 'Show the keys',
  use_keychain: 'Unlock with the keychain',
  rotate_secret: 'Rotate secret…',
  finish_rotation: 'Finish rotation…',
  force_finish_rotation: 'Finish anyway…',
  migrate: 'Migrate…',
  recover_to_passphrase: 'Use the recovery key…',
};

/** Actions that open a page in the user's browser instead of doing something in the app. */
const LINKS: Partial<Record<ErrorAction, string>> = { upload_certificate: DEVELOPER_CONSOLE_URL };

export type ActionHandlers = Partial<Record<ErrorAction, (error: IpcError) => void>>;

const Handlers = createContext<ActionHandlers>({});

/**
 * Says what this part of the window can do for each action. Nested providers add to (and override)
 * the outer ones: the app can unlock, the main view reload, the detail edit and generate keys.
 */
export function ErrorActionProvider({ handlers, children }: { handlers: ActionHandlers; children: ReactNode }) {
  const outer = useContext(Handlers);
  const merged = useMemo(() => ({ ...outer, ...handlers }), [outer, handlers]);
  return <Handlers.Provider value={merged}>{children}</Handlers.Provider>;
}

/** The error's next step as a button (or a link), when this part of the window can take it. */
export function ErrorActions({ error }: { error: IpcError }) {
  const handlers = useContext(Handlers);
  const action = error.action;
  if (!action) return null;
  const link = LINKS[action];
  if (link) {
    return (
      <a className="button-link" href={link} target="_blank" rel="noreferrer">
        {ACTION_LABELS[action]}
      </a>
    );
  }
  const handler = handlers[action];
  if (!handler) return null;
  return (
    <button type="button" className="error-action" onClick={() => handler(error)} data-action={action}>
      {ACTION_LABELS[action]}
    </button>
  );
}

/** An error in a box: what happened, a hint when there is one, and the button for its next step. */
export function ErrorMessage({ error, hint, id }: { error: IpcError; hint?: string | null; id?: string }) {
  return (
    <div role="alert" className="error-box" id={id}>
      <p className="error-text">{error.message}</p>
      {hint && <p>{hint}</p>}
      {error.action && (
        <div className="row">
          <ErrorActions error={error} />
        </div>
      )}
    </div>
  );
}
