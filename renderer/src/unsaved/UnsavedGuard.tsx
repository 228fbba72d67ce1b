import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';

interface Guard {
  /** a form says whether it holds unsaved work, and what it is ("the new integration") */
  report: (owner: object, what: string | null) => void;
  /** runs `proceed` at once when nothing is unsaved; otherwise asks first */
  confirm: (proceed: () => void) => void;
}

const GuardContext = createContext<Guard>({ report: () => {}, confirm: (proceed) => proceed() });

/**
 * Unsaved work is never dropped silently: every way out of a form (the header's buttons, another
 * row, the palette, Cancel, Escape) goes through `confirm`, which asks while a form reports work.
 */
export function UnsavedGuardProvider({ children }: { children: ReactNode }) {
  const dirty = useRef(new Map<object, string>());
  const [pending, setPending] = useState<{ what: string; proceed: () => void } | null>(null);

  const report = useCallback((owner: object, what: string | null) => {
    if (what) dirty.current.set(owner, what);
    else dirty.current.delete(owner);
  }, []);

  const confirm = useCallback((proceed: () => void) => {
    const what = [...dirty.current.values()][0];
    if (!what) return proceed();
    setPending({ what, proceed });
  }, []);

  const guard = useMemo(() => ({ report, confirm }), [report, confirm]);
  return (
    <GuardContext.Provider value={guard}>
      {children}
      {pending && (
        <DiscardDialog
          what={pending.what}
          onKeep={() => setPending(null)}
          onDiscard={() => {
            dirty.current.clear();
            setPending(null);
            pending.proceed();
          }}
        />
      )}
    </GuardContext.Provider>
  );
}

export function useUnsavedGuard(): Guard {
  return useContext(GuardContext);
}

/** Reports this component's unsaved work (null: none) while it is mounted. */
export function useUnsaved(what: string | null): (proceed: () => void) => void {
  const guard = useContext(GuardContext);
  const owner = useRef({}).current;
  useEffect(() => guard.report(owner, what), [guard, owner, what]);
  useEffect(() => () => guard.report(owner, null), [guard, owner]);
  return guard.confirm;
}

function DiscardDialog({ what, onKeep, onDiscard }: { what: string; onKeep: () => void; onDiscard: () => void }) {
  const titleId = useId();
  const keepRef = useRef<HTMLButtonElement>(null);
  const back = useRef<Element | null>(null);
  useEffect(() => {
    back.current = document.activeElement;
    keepRef.current?.focus();
    return () => (back.current as HTMLElement | null)?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onKeep();
          }
        }}
      >
        <h2 id={titleId}>Discard unsaved changes?</h2>
        <p>The changes to {what} are not saved.</p>
        <div className="row">
          <button type="button" ref={keepRef} className="primary" onClick={onKeep}>
            Keep editing
          </button>
          <button type="button" className="danger" onClick={onDiscard}>
            Discard
          </button>
        </div>
      </div>
    </div>
  );
}
