import type { ResponseOf } from '../bridge';
import { KIND_LABELS } from '../../../electron/shared/integration-kinds';
import { formatName } from './importLabels';
import type { NameEdits } from './planNames';

export type Preview = Extract<ResponseOf<'interop:importPreview'>, { cancelled: false }>;
type Item = Preview['items'][number];

function KeyCell({ item }: { item: Item }) {
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
function NameCell({ item, index, value, problem, onRename }: NameCellProps) {
  if (item.action !== 'add') return <th scope="row">{item.targetName}</th>;
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

export interface ImportPlanProps {
  preview: Preview;
  names?: NameEdits;
  problems?: ReadonlyMap<number, string>;
  onRename?: (index: number, name: string) => void;
}

/** What an import would do, item by item, before anything is written; names of added items are editable. */
export function ImportPlan({ preview, names = {}, problems = new Map(), onRename = () => {} }: ImportPlanProps) {
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
                <span className={`badge ${item.action === 'add' ? 'badge-valid' : 'badge-expiring'}`}>{item.action === 'add' ? 'Add' : 'Update'}</span>
              </td>
              <NameCell item={item} index={index} value={names[index]} problem={problems.get(index)} onRename={onRename} />
              <td>{KIND_LABELS[item.kind]}</td>
              <td>
                <code>{item.clientId}</code>
              </td>
              <td>
                <KeyCell item={item} />
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
