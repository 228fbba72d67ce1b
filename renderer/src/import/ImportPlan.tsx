import type { ResponseOf } from '../bridge';
import { KIND_LABELS } from '../../../electron/shared/integration-kinds';
import { formatName } from './importLabels';

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

/** What an import would do, item by item, before anything is written. */
export function ImportPlan({ preview }: { preview: Preview }) {
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
          {preview.items.map((item) => (
            <tr key={`${item.action}:${item.targetName}`}>
              <td>
                <span className={`badge ${item.action === 'add' ? 'badge-valid' : 'badge-expiring'}`}>{item.action === 'add' ? 'Add' : 'Update'}</span>
              </td>
              <th scope="row">{item.targetName}</th>
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
