import type { ResponseOf } from '../bridge';
import { KIND_LABELS } from '../../../electron/shared/integration-kinds';
import { ACTION_LABELS, ErrorActions } from '../errors/ErrorActions';
import { formatName } from './importLabels';
import type { NameEdits } from './planNames';

export type Preview = Extract<ResponseOf<'interop:importPreview'>, { cancelled: false }>;
type Item = Preview['items'][number];

/**
 * A key the file named but that was not read (its warning says why) gets the same button an error
 * with that next step gets. It acts on the integration, so it waits until the import made it.
 */
function KeyActionCell({ item, action, applied }: { item: Item; action: NonNullable<Item['keyAction']>; applied: boolean }) {
  return (
    <span className="key-action">
      <span className="muted">not read</span>{' '}
      {applied ? (
        <ErrorActions error={{ code: 'not_found', message: `No key was imported for "${item.targetName}"`, integration: item.targetName, action }} />
      ) : (
        <>
          <button type="button" className="error-action" data-action={action} disabled>
            {ACTION_LABELS[action]}
          </button>{' '}
          <span className="muted">after importing</span>
        </>
      )}
    </span>
  );
}

function KeyCell({ item, applied }: { item: Item; applied: boolean }) {
  if (!item.key && item.keyAction) return <KeyActionCell item={item} action={item.keyAction} applied={applied} />;
  if (!item.key) return <span className="muted">none</span>;
  const short = item.key.fingerprint.replace(/:/g, '').slice(0, 8);
  return (
    <>
      <code title={item.key.fingerprint}>{short}…</code> {item.key.isNew ? '(new)' : '(already stored)'}
    </>
  );
}

interface NameCellProps {
  item: Item;
  index: number;
  value: string | undefined;
  problem: string | undefined;
  onRename: (index: number, name: string) => void;
}

/** An added credential's name can be changed here; an updated one keeps the name it has in the vault. */
function NameCell({ item, index, value, problem, onRename, applied }: NameCellProps & { applied: boolean }) {
  if (item.action !== 'add' || applied) return <th scope="row">{item.targetName}</th>;
  const errorId = `import-name-${index}-error`;
  return (
    <th scope="row">
      <input
        className="import-name"
        value={value ?? item.targetName}
        aria-label={`Name for ${item.source}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => onRename(index, e.target.value)}
      />
      {problem && (
        <span id={errorId} className="error-text field-problem">
          {problem}
        </span>
      )}
    </th>
  );
}

/** What the plan will do, then what it did. */
const ACTION_TEXT: Record<Item['action'], [string, string]> = { add: ['Add', 'Added'], update: ['Update', 'Updated'] };

export interface ImportPlanProps {
  preview: Preview;
  names?: NameEdits;
  problems?: ReadonlyMap<number, string>;
  onRename?: (index: number, name: string) => void;
  /** the items are what the import did (importApply's answer): names are final, key actions can be taken */
  applied?: boolean;
}

/** What an import would do, item by item, before anything is written; names of added items are editable. */
export function ImportPlan({ preview, names = {}, problems = new Map(), onRename = () => {}, applied = false }: ImportPlanProps) {
  return (
    <>
      <table className="import-plan">
        <caption>
          <code>{preview.file}</code>: {formatName(preview.format)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Client ID</th>
            <th scope="col">Key</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {preview.items.map((item, index) => (
            <tr key={index}>
              <td>
                <span className={`badge ${item.action === 'add' ? 'badge-valid' : 'badge-expiring'}`}>{ACTION_TEXT[item.action][applied ? 1 : 0]}</span>
              </td>
              <NameCell item={item} index={index} value={names[index]} problem={problems.get(index)} onRename={onRename} applied={applied} />
              <td>{KIND_LABELS[item.kind]}</td>
              <td>
                <code>{item.clientId}</code>
              </td>
              <td>
                <KeyCell item={item} applied={applied} />
              </td>
              <td className="muted">{item.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.warnings.length > 0 && (
        <div className="import-warnings" role="note" aria-label="Warnings">
          <h3>Warnings</h3>
          <ul>
            {preview.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
