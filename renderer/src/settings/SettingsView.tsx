import type { KeysmithApi } from '../bridge';

export interface SettingsViewProps {
  api: KeysmithApi;
  onClose: () => void;
}

/** PLACEHOLDER (being written): clipboard delay, refresh margin, auto-lock, IMS endpoint, theme. */
export function SettingsView({ onClose }: SettingsViewProps) {
  return (
    <section className="detail" aria-label="Settings">
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}
