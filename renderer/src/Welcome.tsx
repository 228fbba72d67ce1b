import { useId } from 'react';
import './welcome.css';

export interface WelcomeProps {
  onNew: () => void;
  onImport: () => void;
}

/** First run and the empty vault: what an integration is, where credentials come from, and the way in. */
export function Welcome({ onNew, onImport }: WelcomeProps) {
  const titleId = useId();
  return (
    <section className="detail welcome" aria-labelledby={titleId}>
      <h2 id={titleId}>Welcome to Keysmith</h2>
      <p>
        An <strong>integration</strong> is one credential: the client id, secret and settings that let a script or tool get an access
        token. It comes from a project in the Adobe Developer Console (API key, OAuth Server-to-Server, Service Account (JWT)) or from
        any OAuth 2.0 server that issues client credentials.
      </p>
      <h3>Getting credentials from the Adobe Developer Console</h3>
      <ol>
        <li>Open your project in the Adobe Developer Console (developer.adobe.com/console), or create one.</li>
        <li>
          Choose <em>Add API</em>, pick the API, then the credential type (OAuth Server-to-Server for new work).
        </li>
        <li>
          Open the workspace and choose <em>Download</em> to get the project JSON, then import it here: every credential in it becomes
          an integration.
        </li>
      </ol>
      <p className="muted">AEM service credentials, aio CLI configs and .env files can be imported the same way.</p>
      <div className="row">
        <button type="button" className="primary" onClick={onImport}>
          Import a file…
        </button>
        <button type="button" onClick={onNew}>
          New integration
        </button>
      </div>
    </section>
  );
}
