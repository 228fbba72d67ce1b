import type { IpcError } from './bridge';
import { Countdown } from './Countdown';

export type CopyState = { ok: true; clearsAt: number | null } | { ok: false; error: IpcError } | null;

/** A successful copy; `clearsInSeconds` as main answered (null: the clipboard is not cleared). */
export function copiedState(clearsInSeconds: number | null): CopyState {
  return { ok: true, clearsAt: clearsInSeconds === null ? null : Date.now() + clearsInSeconds * 1000 };
}

/** What happened after a copy: copied (and a countdown to the clipboard clear), or why it failed. */
export function CopyNotice({ state, what, preview }: { state: CopyState; what: string; preview?: string | undefined }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" className="error-text">
        {state.error.message}
      </p>
    );
  }
  return (
    <p role="status" className="notice">
      {what} copied.{' '}
      {preview && (
        <>
          <code className="token-preview" data-testid="token-preview" title="The start and end of what was copied">
            {preview}
          </code>{' '}
        </>
      )}
      {state.clearsAt !== null && <Countdown expiresAt={state.clearsAt} label="The clipboard is cleared in" expiredText="Clipboard cleared." testId="clipboard-countdown" />}
    </p>
  );
}
