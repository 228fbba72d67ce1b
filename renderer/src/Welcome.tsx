export interface WelcomeProps {
  onNew: () => void;
  onImport: () => void;
}

/** PLACEHOLDER (being written): first run and empty state. */
export function Welcome({ onNew, onImport }: WelcomeProps) {
  return (
    <section className="detail">
      <button type="button" onClick={onNew}>
        New integration
      </button>
      <button type="button" onClick={onImport}>
        Import…
      </button>
    </section>
  );
}
