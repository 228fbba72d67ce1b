import { memo, type CSSProperties } from 'react';
import type { IntegrationListItem } from './bridge';
import { KIND_LABELS } from '../../electron/shared/integration-kinds';
import { KindIcon } from './list/KindIcon';
import type { RowStatus } from './list/rowStatus';

interface Props {
  id: string;
  item: IntegrationListItem;
  selected: boolean;
  status: RowStatus | null;
  /** the row's copy button says "Copied ✓" */
  copied: boolean;
  /** 1-based, of `setSize`: the list renders only the rows in view */
  position: number;
  setSize: number;
  style?: CSSProperties;
  onSelect: (name: string) => void;
  onCopy: (item: IntegrationListItem) => void;
}

/**
 * One option of the list, one line: kind, name, the one status that matters, and a copy control.
 * The control is for the mouse, hidden from assistive technology (an option may hold no button):
 * from the keyboard, Enter or Ctrl/⌘+C on the selected row copies, as the option's shortcuts say. Memoized, so moving the selection re-renders two rows, not all.
 */
export const IntegrationRow = memo(function IntegrationRow({ id, item, selected, status, copied, position, setSize, style, onSelect, onCopy }: Props) {
  const kind = KIND_LABELS[item.kind];
  const what = item.kind === 'apiKey' ? 'API key' : 'token';
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      className={`row-item${status?.tone === 'error' ? ' row-failed' : ''}`}
      style={style}
      onClick={() => onSelect(item.name)}
      data-status={status?.id ?? 'none'}
      aria-keyshortcuts="Enter Control+C Meta+C"
    >
      <KindIcon kind={item.kind} title={kind} />
      <span className="row-text">
        <span className="row-name">
          {item.favorite && <span aria-label="favourite">★ </span>}
          {item.name}
        </span>
        <span className="row-meta">
          {' '}
          {kind}
          {item.orgId ? ` · ${item.orgId}` : ''}
        </span>
      </span>
      {status && <span className={`badge badge-${status.tone}`}>{status.text}</span>}
      <span
        aria-hidden="true"
        className={`row-copy${copied ? ' copied' : ''}`}
        title={`Copy the ${what} of ${item.name}`}
        data-testid="row-copy"
        onClick={(e) => {
          e.stopPropagation();
          onCopy(item);
        }}
      >
        {copied ? 'Copied ✓' : 'Copy'}
      </span>
    </li>
  );
});
