/**
 * AEM as a Cloud Service service credentials (AEM Developer Console › Integrations): one technical
 * account per environment, with its private key and certificate inside the file. The classic form is
 * a Service Account (JWT) credential, still live for AEM after the Developer Console retired JWT:
 *   { ok, statusCode, integration: { imsEndpoint, metascopes, technicalAccount: { clientId,
 *     clientSecret }, email, id, org, privateKey, publicKey } }
 * where `imsEndpoint` is a bare host, `metascopes` a comma-separated string and `publicKey` the
 * certificate PEM. Newer AEM technical accounts are OAuth Server-to-Server: the same envelope with
 * `scopes` and no key, and are imported as such.
 */
import { isKeysmithError } from '../../errors';
import { describeCertificate } from '../../keys/certificate-info';
import { parsePrivateKey } from '../../keys/private-key-import';
import { compact, imsEndpointUrl, metascopeList, nonEmpty, obj, oneLine, str, stringList, type Json } from './field-values';
import type { Draft, PlanBuilder } from './plan-builder';

/** `cm-p<program>-e<environment>`: AEM's client ids name the environment they belong to. */
function environmentOf(clientId: string): string | undefined {
  const m = /^cm-p(\d+)-e(\d+)/.exec(clientId);
  return m ? `program ${m[1]}, environment ${m[2]}` : undefined;
}

function certificateWarning(pem: string, warnings: string[]): boolean {
  let notAfter: string;
  let expired: boolean;
  try {
    ({ notAfter, expired } = describeCertificate(pem));
  } catch {
    warnings.push('The certificate in integration.publicKey is not readable, so it was left out; the private key was kept');
    return false;
  }
  const day = notAfter.slice(0, 10);
  warnings.push(
    expired
      ? `The AEM certificate expired on ${day}: generate new service credentials in the AEM Developer Console`
      : `The AEM certificate expires on ${day} (AEM service credentials last a year): generate new ones in the AEM Developer Console before then`,
  );
  return true;
}

export function parseAemServiceCredentials(json: Json, plan: PlanBuilder, fileName?: string): void {
  const integration = obj(json.integration);
  const account = obj(integration.technicalAccount);
  const clientId = str(account.clientId);
  const source = `AEM service credentials${clientId !== undefined ? ` "${oneLine(clientId)}"` : ''}`;
  if (clientId === undefined) {
    plan.skip(source, 'it has no integration.technicalAccount.clientId');
    return;
  }
  if (json.ok === false) plan.warn(`${plan.Label} says "ok": false; it may be an error response from the AEM Developer Console rather than credentials`);

  const warnings: string[] = [];
  const privateKey = str(integration.privateKey) !== undefined ? String(integration.privateKey) : undefined;
  const certificate = str(integration.publicKey) !== undefined ? String(integration.publicKey) : undefined;
  const { metascopes } = metascopeList(integration.metascopes);
  const scopes = stringList(integration.scopes);
  const isJwt = privateKey !== undefined || metascopes.length > 0 || scopes.length === 0;
  const environment = environmentOf(clientId);
  const kindWords = isJwt ? 'Service Account (JWT)' : 'OAuth Server-to-Server';
  const description =
    `AEM as a Cloud Service ${kindWords} service credentials${environment ? ` for ${environment}` : ''}.` +
    ` Imported from ${fileName ? `"${oneLine(fileName)}"` : 'the AEM Developer Console download'}.`;

  const draft: Draft = {
    source,
    name: `AEM ${clientId}`,
    fields: compact({
      kind: isJwt ? 'jwt' : 'oauthS2S',
      description,
      clientId,
      clientSecrets: str(account.clientSecret) !== undefined ? [String(account.clientSecret)] : [],
      orgId: str(integration.org),
      technicalAccountId: str(integration.id),
      technicalAccountEmail: str(integration.email),
      ...(isJwt ? { metascopes: nonEmpty(metascopes) } : { scopes: nonEmpty(scopes) }),
      imsEndpoint: imsEndpointUrl(integration.imsEndpoint),
    }),
    warnings,
  };
  if (isJwt) {
    const unusable = privateKey === undefined ? undefined : keyProblem(privateKey);
    if (privateKey === undefined) warnings.push('The file has no integration.privateKey: add the key before minting tokens');
    else if (unusable !== undefined) {
      // The rest of the file is good: keep it, and say plainly that the key is what is missing.
      warnings.push(`integration.privateKey cannot be used (${unusable}), so the integration comes without a key: download the service credentials again from the AEM Developer Console`);
    } else {
      const keepCertificate = certificate !== undefined && /-----BEGIN (X509 )?CERTIFICATE-----/.test(certificate) && certificateWarning(certificate, warnings);
      if (certificate === undefined) warnings.push('AEM service credentials expire a year after they are generated; this file carries no certificate to tell when');
      else if (!keepCertificate && !warnings.some((w) => w.startsWith('The certificate in'))) {
        warnings.push('integration.publicKey is not a PEM certificate (-----BEGIN CERTIFICATE-----), so it was left out; the private key was kept');
      }
      draft.key = { privateKeyPem: privateKey, ...(keepCertificate ? { certificatePem: certificate } : {}) };
    }
  }
  plan.add(draft);
}

/** Why an AEM file's key cannot be used, in the key reader's words, or undefined when it can. */
function keyProblem(pem: string): string | undefined {
  try {
    parsePrivateKey(pem);
    return undefined;
  } catch (err) {
    if (!isKeysmithError(err)) return 'it is not a PEM private key';
    const first = err.message.split(/[:.]\s/)[0]!;
    return first.charAt(0).toLowerCase() + first.slice(1);
  }
}
