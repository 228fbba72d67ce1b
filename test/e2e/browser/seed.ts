/** Integrations written straight into the session's vault, as the CLI or an import would. */
import { addIntegration } from '../../../electron/core/integration-store';
import type { AppParts } from '../../../electron/app/app-parts';

const KINDS = ['oauthS2S', 'apiKey', 'oauth2', 'jwt'] as const;

/** n integrations of every kind, `bulk-0000`…, with scopes `openid` and `scope_<i % 7>`. */
export async function seedIntegrations(parts: AppParts, n: number, imsUrl: string): Promise<void> {
  const vault = await parts.session.vault();
  const now = new Date();
  await vault.update((doc) => {
    for (let i = 0; i < n; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const name = `bulk-${String(i).padStart(4, '0')}`;
      const common = { name, clientId: `client${i}x`, description: i % 10 === 0 ? 'reporting' : '' };
      const org = `${String(i % 50).padStart(24, '0')}@AdobeOrg`;
      const fields =
        kind === 'apiKey'
          ? { ...common, kind }
          : kind === 'oauth2'
            ? { ...common, kind, tokenUrl: `${imsUrl}/oauth2/token`, clientSecrets: ['seeded-secret'], scopes: ['openid', `scope_${i % 7}`] }
            : kind === 'jwt'
              ? { ...common, kind, orgId: org, technicalAccountId: `T${i}@techacct.adobe.com`, metascopes: ['ent_analytics_bulk_sdk'], clientSecrets: ['seeded-secret'], imsEndpoint: imsUrl }
              : { ...common, kind, orgId: org, clientSecrets: ['seeded-secret'], scopes: ['openid', `scope_${i % 7}`], imsEndpoint: imsUrl };
      addIntegration(doc, fields, now);
    }
  });
  await parts.session.changed();
}
