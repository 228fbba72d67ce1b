/**
 * A few characters of a credential, so a person can tell which token they copied ("eyJhbGci…x9Qw")
 * without it being usable: the start of a JWT is its public header, and four characters of the
 * signature are no secret. Short values show their last four characters only.
 */
export const PREVIEW_HEAD = 8;
export const PREVIEW_TAIL = 4;

export function tokenPreview(token: string): string {
  const value = token.trim();
  if (value.length <= PREVIEW_TAIL) return '…';
  if (value.length < 3 * (PREVIEW_HEAD + PREVIEW_TAIL)) return `…${value.slice(-PREVIEW_TAIL)}`;
  return `${value.slice(0, PREVIEW_HEAD)}…${value.slice(-PREVIEW_TAIL)}`;
}
