import type { KeysmithApi } from '../bridge';

export interface ImportViewProps {
  api: KeysmithApi;
  /** the names written, to reload the list and select the first */
  onImported: (names: string[]) => void;
  onCancel: () => void;
}

/** PLACEHOLDER (being written): pick a file in main's dialog, review the plan, apply. */
export function ImportView({ onCancel }: ImportViewProps) {
  return (
    <section className="detail" aria-label="Import">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
