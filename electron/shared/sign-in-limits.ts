/** The limits of a user sign-in, once for the CLI, the app and core. */

/** How long a sign-in waits for the browser to come back, unless told otherwise. */
export const DEFAULT_SIGN_IN_TIMEOUT_SECONDS = 300;
/** An hour is longer than any login page keeps its session; past that the wait is a mistake. */
export const MAX_SIGN_IN_TIMEOUT_SECONDS = 3600;
/** RFC 8628 3.5: the polling interval when the device authorization answer gives none. */
export const DEFAULT_DEVICE_INTERVAL_SECONDS = 5;
/** RFC 8628 3.5: what `slow_down` adds to the interval. */
export const DEVICE_SLOW_DOWN_SECONDS = 5;
/** The loopback path the browser is sent back to (RFC 8252 7.3). */
export const LOOPBACK_CALLBACK_PATH = '/callback';
/** How long before a refresh token lapses the app warns, and `whoami` says so. */
export const REFRESH_EXPIRY_WARNING_MS = 2 * 86_400_000;
