import { useState } from 'react';
import { fieldLabel } from '../../electron/shared/fields';
import { call, type KeysmithApi } from './bridge';
import { copiedState, CopyNotice, type CopyState } from './CopyNotice';

interface Props {
  api: KeysmithApi;
  name: string;
  /** as main masked them: the real secret never reaches the renderer */
  masked: readonly string[];
}

export function SecretField({ api, name, masked }: Props) {
  const [copy, setCopy] = useState<CopyState>(null);

  async function copySecret() {
    const result = await call(api.secrets.copyClientSecret({ name }));
    setCopy(result.ok ? copiedState(result.value.clearsInSeconds) : { ok: false, error: result.error });
  }

  return (
    <div className="field">
      <dt>{fieldLabel('clientSecrets', masked.length)}</dt>
      <dd>
        <code data-testid="client-secret">{masked[0]}</code>
        {masked.length > 1 && <span className="muted"> (+{masked.length - 1} kept for rotation)</span>}{' '}
        <button type="button" onClick={() => void copySecret()} aria-label="Copy client secret">
          Copy
        </button>
        <CopyNotice state={copy} what={fieldLabel('clientSecrets')} />
      </dd>
    </div>
  );
}
