import { useEffect, useState } from 'react';
import { call, type IpcError, type KeysmithApi, type ResponseOf } from './bridge';
import { KIND_NAMES } from './format';
import { SecretField } from './SecretField';
import { TokenPanel } from './TokenPanel';

type Masked = ResponseOf<'integrations:get'>;

interface Props {
  api: KeysmithApi;
  name: string;
}

/** Non-secret fields in display order, with their labels; absent ones are skipped. */
const FIELDS: [key: string, label: string][] = [
  ['clientId', 'Client ID'],
  ['orgId', 'Organization ID'],
  ['technicalAccountId', 'Technical account ID'],
  ['technicalAccountEmail', 'Technical account email'],
  ['scopes', 'Scopes'],
  ['metascopes', 'Metascopes'],
  ['imsEndpoint', 'IMS endpoint'],
  ['tokenUrl', 'Token URL'],
  ['authMethod', 'Auth method'],
  ['audience', 'Audience'],
  ['description', 'Description'],
];

function show(value: unknown): string | null {
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'string') return value || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function IntegrationDetail({ api, name }: Props) {
  const [integration, setIntegration] = useState<Masked | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    let active = true;
    void call(api.integrations.get({ name })).then((result) => {
      if (!active) return;
      if (result.ok) setIntegration(result.value);
      else setError(result.error);
    });
    return () => {
      active = false;
    };
  }, [api, name]);

  if (error) {
    return (
      <section className="detail" aria-label={name}>
        <p role="alert" className="error-text">
          {error.message}
        </p>
      </section>
    );
  }
  if (!integration) {
    return (
      <section className="detail" aria-label={name} aria-busy="true">
        <p>Loading {name}…</p>
      </section>
    );
  }

  const record = integration as unknown as Record<string, unknown>;
  return (
    <section className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{integration.name}</h2>
      <p className="kind">{KIND_NAMES[integration.kind]}</p>
      <dl className="fields">
        {FIELDS.map(([key, label]) => {
          const text = show(record[key]);
          if (text === null) return null;
          return (
            <div className="field" key={key}>
              <dt>{label}</dt>
              <dd>
                <code>{text}</code>
              </dd>
            </div>
          );
        })}
        {integration.clientSecrets && integration.clientSecrets.length > 0 && (
          <SecretField api={api} name={integration.name} masked={integration.clientSecrets} />
        )}
      </dl>
      {integration.kind !== 'apiKey' && <TokenPanel api={api} name={integration.name} />}
    </section>
  );
}
