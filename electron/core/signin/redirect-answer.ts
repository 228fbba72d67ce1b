/**
 * What an authorization redirect says (RFC 6749 4.1.2): a code, an error, or nothing this sign-in
 * asked for. Shared by the loopback listener and the pasted URL, so both check `state` the same
 * way: a redirect with another state is not this sign-in's, and its code is never used (CSRF).
 */
import { KeysmithError } from '../errors';
import { quoteServer } from '../tokens/server-text';
import { sameSecret } from './pkce';

export type RedirectAnswer =
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: KeysmithError }
  /** another sign-in's answer, or a stray request: ignore it and keep waiting */
  | { kind: 'foreign' };

/** A code is a few hundred characters of URL-safe text; anything else is refused before it is sent anywhere. */
const MAX_CODE_CHARS = 4096;

const ERROR_SENTENCES: Record<string, string> = {
  access_denied: 'the sign-in was cancelled or consent was refused at the provider',
  invalid_scope: 'the provider refused a scope: check the scopes against what the client may ask for',
  unauthorized_client: 'the provider does not let this client use the authorization code grant',
  invalid_request: 'the provider says the sign-in request is malformed: check the client id and the redirect URI registered for it',
  unsupported_response_type: 'the provider does not offer the authorization code grant to this client',
  server_error: 'the provider had an error during the sign-in: try again',
  temporarily_unavailable: 'the provider is temporarily unavailable: try again later',
  login_required: 'the provider needs the person to sign in interactively',
  consent_required: 'the provider needs the person to consent interactively',
  interaction_required: 'the provider needs the person to interact with the sign-in page',
};

export function interpretRedirect(params: URLSearchParams, state: string, integrationName: string): RedirectAnswer {
  // Only the first of each: a second `state=` must not override the checked one.
  if (!sameSecret(params.get('state'), state)) return { kind: 'foreign' };
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    const sentence = Object.hasOwn(ERROR_SENTENCES, error) ? ERROR_SENTENCES[error]! : `the provider answered the sign-in with the error "${quoteServer(error).slice(0, 60)}"`;
    const detail = description ? ` (provider: "${quoteServer(description)}")` : '';
    return {
      kind: 'error',
      error: new KeysmithError('token_refused', `"${integrationName}": ${sentence}${detail}; nothing was stored`, { integration: integrationName, action: 'sign_in' }),
    };
  }
  const code = params.get('code');
  if (code === null || code === '' || code.length > MAX_CODE_CHARS || !/^[\x21-\x7e]+$/.test(code)) {
    return {
      kind: 'error',
      error: new KeysmithError('bad_response', `"${integrationName}": the provider sent the browser back without a usable authorization code; nothing was stored`, {
        integration: integrationName,
        action: 'sign_in',
      }),
    };
  }
  return { kind: 'code', code };
}

/**
 * What a person pasted: the whole URL the browser ended on (checked like a redirect), or just the
 * code (taken as it is: the person carried it over by hand from the page they signed in on).
 */
export function interpretPasted(text: string, state: string, integrationName: string): RedirectAnswer {
  const trimmed = text.trim();
  let params: URLSearchParams | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      params = new URL(trimmed).searchParams;
    } catch {
      params = null;
    }
  } else if (trimmed.includes('=')) {
    params = new URLSearchParams(trimmed.replace(/^\?/, ''));
  }
  if (params) {
    const answer = interpretRedirect(params, state, integrationName);
    if (answer.kind === 'foreign') {
      return {
        kind: 'error',
        error: new KeysmithError('invalid_input', `"${integrationName}": the pasted URL belongs to another sign-in (its state does not match); nothing was stored`, {
          integration: integrationName,
          action: 'sign_in',
        }),
      };
    }
    return answer;
  }
  return interpretRedirect(new URLSearchParams({ state, code: trimmed }), state, integrationName);
}
