import { useEffect, useState } from 'react';

export function App() {
  const [version, setVersion] = useState<string | null>(null);

  useEffect(() => {
    // The bridge is absent when the page is opened outside Electron (e.g. a plain browser).
    const bridge = window.keysmith;
    if (!bridge) return;
    let active = true;
    bridge.app.version().then(
      (result) => active && setVersion(result.ok ? result.value : null),
      () => active && setVersion(null),
    );
    return () => {
      active = false;
    };
  }, []);

  return (
    <main>
      <h1>Keysmith</h1>
      <p>The integrations UI arrives with the renderer issue.</p>
      {version && <p data-testid="app-version">Version {version}</p>}
    </main>
  );
}
