/** How a secret is shown anywhere but an explicit copy or `keysmith secret`. */
export const MASK = '••••';

/** Shows the last 4 characters only when the secret is long enough that they reveal little. */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `${MASK}${secret.slice(-4)}` : MASK;
}
