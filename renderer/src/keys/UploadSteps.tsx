import { DEVELOPER_CONSOLE_URL } from '../errors/ErrorActions';

/** Where the saved certificate goes: the part of the job Keysmith cannot do for the user. */
export function UploadSteps() {
  return (
    <div className="upload-steps">
      <p>
        Upload the certificate (the <code>.crt</code> file) where the credential is defined:
      </p>
      <ul>
        <li>
          <strong>Adobe Developer Console:</strong> open the project, select the <em>Service Account (JWT)</em> credential, choose{' '}
          <em>Upload public key</em> and pick the saved file.{' '}
          <a className="button-link" href={DEVELOPER_CONSOLE_URL} target="_blank" rel="noreferrer">
            Open the Developer Console
          </a>
        </li>
        <li>
          <strong>Another OAuth 2.0 server</strong> (<code>private_key_jwt</code>): register the certificate with the client there.
        </li>
      </ul>
      <p className="form-hint">
        A credential may hold several certificates at once: upload the new one before making its key active, so tokens keep working.
      </p>
    </div>
  );
}
