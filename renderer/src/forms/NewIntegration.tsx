import type { KeysmithApi } from '../bridge';

export interface NewIntegrationProps {
  api: KeysmithApi;
  /** called with the created integration's name, to select it */
  onCreated: (name: string) => void;
  onCancel: () => void;
}

/** PLACEHOLDER (being written): choose a kind, fill a form validated as you type. */
export function NewIntegration({ onCancel }: NewIntegrationProps) {
  return (
    <section className="detail" aria-label="New integration">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
