/** What can be imported and where users find it, before they open the file dialog. */
export function SupportedFiles() {
  return (
    <div className="supported-files">
      <p>Keysmith reads these files and recognises them by their content, whatever they are called:</p>
      <ul>
        <li>
          <strong>Developer Console project JSON</strong>: in the Adobe Developer Console, open the project’s workspace and choose{' '}
          <em>Download</em>. Every credential of the workspace is imported; add the private key of a Service Account (JWT) credential
          afterwards, as the file never holds it.
        </li>
        <li>
          <strong>AEM as a Cloud Service service credentials</strong>: the JSON from the AEM Developer Console, with its key and
          certificate.
        </li>
        <li>
          <strong>aio CLI config</strong>: <code>~/.config/aio</code> or a project’s <code>.aio</code> file, one integration per
          context.
        </li>
        <li>
          <strong>.env file</strong> with the variable names Adobe’s samples use (<code>CLIENT_ID</code>, <code>CLIENT_SECRET</code>,{' '}
          <code>ORGANIZATION_ID</code>, …).
        </li>
      </ul>
      <p className="form-hint">Nothing is written until you have reviewed what the file holds and chosen Import.</p>
    </div>
  );
}
