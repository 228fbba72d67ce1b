import type { IntegrationKind } from '../../../electron/shared/integration-kinds';

/** A short mark per kind, read at a glance in a 38 px row; the kind's name is its tooltip. */
const MARKS: Record<IntegrationKind, string> = { apiKey: 'KEY', oauthS2S: 'S2S', jwt: 'JWT', oauth2: 'OA2', oauthUser: 'USR', oauth2User: 'USR' };

export function KindIcon({ kind, title }: { kind: IntegrationKind; title: string }) {
  return (
    <span className={`kind-icon kind-${kind}`} aria-hidden="true" title={title}>
      {MARKS[kind]}
    </span>
  );
}
