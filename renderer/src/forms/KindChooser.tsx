import { useId } from 'react';
import { KIND_LABELS } from '../../../electron/shared/integration-kinds';
import type { Kind } from './field-specs';

/** What each kind is for, in the words of the Developer Console. */
const KIND_HINTS: Record<Kind, string> = {
  oauthS2S: 'Adobe APIs with a client secret and scopes: the usual Developer Console credential.',
  jwt: 'Adobe service accounts signed with a private key, e.g. AEM as a Cloud Service service credentials.',
  apiKey: 'A public client id sent as x-api-key; no token.',
  oauth2: 'Any OAuth 2.0 token server (Okta, Auth0, Keycloak…) with the client credentials grant.',
  oauthUser: 'A person signs in with their Adobe ID: OAuth Native App, Single-Page App or Web App credentials.',
  oauth2User: 'A person signs in at any OAuth 2.0 / OpenID provider, in the browser or with a device code.',
};

const ORDER: Kind[] = ['oauthS2S', 'jwt', 'apiKey', 'oauth2', 'oauthUser', 'oauth2User'];

interface Props {
  value: Kind | null;
  onChange: (kind: Kind) => void;
}

export function KindChooser({ value, onChange }: Props) {
  const id = useId();
  return (
    <fieldset className="kind-chooser">
      <legend>Kind</legend>
      {ORDER.map((kind) => (
        <div key={kind} className="kind-option">
          <input
            type="radio"
            id={`${id}-${kind}`}
            name={`${id}-kind`}
            value={kind}
            checked={value === kind}
            onChange={() => onChange(kind)}
            aria-describedby={`${id}-${kind}-hint`}
          />
          <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
          <p id={`${id}-${kind}-hint`} className="field-help">
            {KIND_HINTS[kind]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
