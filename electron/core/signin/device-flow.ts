/**
 * The device authorization grant (RFC 8628): for a machine without a browser (SSH, containers),
 * the person opens the verification URI on any device and types the user code, while Keysmith
 * polls the token endpoint at the provider's `interval`, slower after each `slow_down`, until
 * consent, refusal or expiry.
 */
import { KeysmithError } from '../errors';
import { DEFAULT_DEVICE_INTERVAL_SECONDS, DEVICE_SLOW_DOWN_SECONDS } from '../../shared/sign-in-limits';
import { postForm } from '../tokens/token-http';
import { quoteServer } from '../tokens/server-text';
import { lifetimeMs } from '../tokens/token-answer';
import { tokenEndpointError } from '../tokens/token-errors';
import { clientAuth, redactorOf } from './client-auth';
import { stringField } from './get-json';
import type { ProviderEndpoints, UserIntegration } from './provider-endpoints';
import type { GrantOptions } from './user-grants';
import { readUserAnswer, type UserTokenAnswer } from './user-token-answer';

export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** ms since epoch */
  expiresAt: number;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** A provider asking for more than this between polls is broken; the wait would outlast the code. */
const MAX_INTERVAL_S = 60;

/** A verification URI goes to a browser: only https, or http on loopback, and nothing a terminal would act on. */
function browsable(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

export async function deviceSignIn(
  integration: UserIntegration,
  endpoints: ProviderEndpoints,
  scope: string,
  opts: GrantOptions & { onCode: (code: DeviceCode) => void; signal?: AbortSignal },
): Promise<UserTokenAnswer> {
  const who = `"${integration.name}"`;
  if (!endpoints.deviceUrl) {
    throw new KeysmithError('invalid_input', `${who}: the provider offers no device authorization endpoint, so this integration cannot sign in with a device code`, { integration: integration.name });
  }
  const now = () => (opts.now ?? (() => new Date()))().getTime();
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const auth = clientAuth(integration);
  const form: Record<string, string> = { ...auth.form, ...(scope && { scope }) };
  if (integration.kind === 'oauth2User' && integration.audience) form.audience = integration.audience;
  const start = await postForm(endpoints.deviceUrl, form, auth.headers, opts, redactorOf(auth, []));
  if (start.status !== 200) throw tokenEndpointError(start.status, start.json, { integrationName: integration.name, endpoint: endpoints.deviceUrl, redactor: redactorOf(auth, []) });
  const body = typeof start.json === 'object' && start.json !== null && !Array.isArray(start.json) ? (start.json as Record<string, unknown>) : undefined;
  const deviceCode = stringField(body, 'device_code');
  const userCode = stringField(body, 'user_code');
  const verificationUri = browsable(stringField(body, 'verification_uri') ?? stringField(body, 'verification_url'));
  if (!deviceCode || !userCode || !verificationUri || userCode.length > 64 || !/^[\x21-\x7e]+$/.test(userCode) || deviceCode.length > 4096) {
    throw new KeysmithError('bad_response', `${who}: the device authorization answer lacks a usable device code, user code or verification URI (got: "${quoteServer(start.text)}")`);
  }
  const lifetime = lifetimeMs(body?.expires_in, 's') ?? 600_000;
  const expiresAt = now() + lifetime;
  const rawInterval = body?.interval;
  let intervalS = typeof rawInterval === 'number' && Number.isInteger(rawInterval) && rawInterval >= 1 ? Math.min(rawInterval, MAX_INTERVAL_S) : DEFAULT_DEVICE_INTERVAL_SECONDS;
  const complete = browsable(stringField(body, 'verification_uri_complete'));
  opts.onCode({ userCode, verificationUri, ...(complete && { verificationUriComplete: complete }), expiresAt });

  const redactor = redactorOf(auth, [deviceCode]);
  for (;;) {
    if (opts.signal?.aborted) throw new KeysmithError('token_unavailable', `${who}: the sign-in was stopped; nothing was stored`, { integration: integration.name, action: 'sign_in' });
    if (now() >= expiresAt) throw new KeysmithError('token_unavailable', `${who}: the device code expired before the sign-in was approved; nothing was stored`, { integration: integration.name, action: 'sign_in' });
    await sleep(intervalS * 1000);
    const answer = await postForm(endpoints.tokenUrl, { grant_type: DEVICE_GRANT, device_code: deviceCode, ...auth.form }, auth.headers, opts, redactor);
    const error = answer.status === 400 && typeof answer.json === 'object' && answer.json !== null ? stringField(answer.json as Record<string, unknown>, 'error') : undefined;
    switch (error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        intervalS = Math.min(intervalS + DEVICE_SLOW_DOWN_SECONDS, MAX_INTERVAL_S);
        continue;
      case 'expired_token':
        throw new KeysmithError('token_unavailable', `${who}: the device code expired before the sign-in was approved; nothing was stored`, { integration: integration.name, action: 'sign_in' });
      case 'access_denied':
        throw new KeysmithError('token_refused', `${who}: the sign-in was refused on the verification page; nothing was stored`, { integration: integration.name, action: 'sign_in' });
      default:
        return readUserAnswer(answer, { integrationName: integration.name, endpoint: endpoints.tokenUrl, redactor }, now(), { adobe: integration.kind === 'oauthUser' });
    }
  }
}
