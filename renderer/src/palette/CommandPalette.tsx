import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchCommands, type Command } from './commands';
import { shortcutTextHere } from '../platform';

interface Props {
  commands: readonly Command[];
  onClose: () => void;
}

/** Ctrl/⌘+K: type a few letters of an integration or an action, Enter runs it, Escape closes. */
export function CommandPalette({ commands, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const titleId = useId();
  const shown = useMemo(() => matchCommands(commands, query), [commands, query]);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  function run(command: Command | undefined) {
    if (!command) return;
    onClose();
    command.run();
  }

  function onKeyDown(e: KeyboardEvent) {
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (e.key in step && shown.length > 0) {
      e.preventDefault();
      setActive((active + step[e.key]! + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="modal palette">
        <h2 id={titleId} className="visually-hidden">
          Go to an integration or run an action
        </h2>
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
          placeholder="Copy token of…, open…, rotate…, new integration"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
          {shown.map((c, i) => (
            <li key={c.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseMove={() => setActive(i)} onClick={() => run(c)}>
              <span>{c.title}</span>
              {c.shortcut && <kbd>{shortcutTextHere(c.shortcut)}</kbd>}
            </li>
          ))}
          {shown.length === 0 && (
            <li role="option" aria-selected="false" aria-disabled="true" className="muted">
              Nothing matches “{query}”.
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
