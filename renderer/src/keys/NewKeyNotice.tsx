import type { KeysmithApi } from '../bridge';
import { daysLeftText, formatDay, type KeyPair } from './keyFormat';
import { Fingerprint } from './Fingerprint';
import { SaveCertificate } from './SaveCertificate';
import { UploadSteps } from './UploadSteps';

export interface FreshKey {
  key: KeyPair;
  how: 'generated' | 'imported';
  /** an imported key came without a certificate, so main made one that must be uploaded too */
  certificateGenerated: boolean;
}

interface Props {
  api: KeysmithApi;
  name: string;
  fresh: FreshKey;
  busy: boolean;
  /** absent inside the setup steps, which have their own way forward */
  onDismiss?: () => void;
}

/** Right after a key is added: its fingerprint and expiry, and what to do with its certificate. */
export function NewKeyNotice({ api, name, fresh, busy, onDismiss }: Props) {
  const { key } = fresh;
  return (
    <section className="new-key" aria-label="New key">
      <p className="notice" role="status">
        {fresh.how === 'generated' ? 'Key generated.' : 'Key imported.'}
        {fresh.certificateGenerated && ' It came without a certificate, so Keysmith made one.'}
      </p>
      <dl className="new-key-facts">
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <Fingerprint value={key.fingerprintSha256} testId="new-key-fingerprint" />
        </dd>
        <dt>Certificate expires</dt>
        <dd data-testid="new-key-expiry">
          <time dateTime={key.notAfter}>{formatDay(key.notAfter)}</time> ({daysLeftText(key.daysLeft)})
        </dd>
      </dl>
      <p>
        {key.active
          ? 'This is the active key: tokens are signed with it once its certificate is uploaded.'
          : 'This key is not active yet: the current key keeps signing. Upload the certificate, then choose “Make active” on this key below.'}
      </p>
      <SaveCertificate api={api} name={name} fingerprint={key.fingerprintSha256} disabled={busy} />
      <UploadSteps />
      {onDismiss && (
        <div className="row">
          <button type="button" className="primary" onClick={onDismiss}>
            Done
          </button>
        </div>
      )}
    </section>
  );
}
