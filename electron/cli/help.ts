/** The help text, one entry per command; `keysmith help <command>` prints one. */
import { DEFAULT_CERTIFICATE_DAYS, RSA_KEY_SIZES } from '../shared/key-limits';

export const COMMAND_HELP: Record<string, string> = {
  init: `keysmith init [--passphrase | --passphrase-stdin]
  Create the vault. By default its key lives in the OS keychain; with --passphrase (or when
  KEYSMITH_PASSPHRASE is set) it is unlocked by a passphrase instead. Prints a recovery key once.`,
  add: `keysmith add <apikey|oauth-s2s|jwt|oauth2|oauth-user> --name NAME [flags]
  Flags: --client-id ID  --description TEXT  --org-id ID@AdobeOrg
         --technical-account-id ID@techacct.adobe.com  --technical-account-email EMAIL
         --scopes a,b  --metascopes a,b  --ims-endpoint URL
         --token-url URL  --auth-method client_secret_basic|client_secret_post|private_key_jwt  --audience AUD
         --refresh-margin MINUTES (re-mint when fewer remain; default 10)  --auto-refresh on|off (the app)
         --console-url URL | --console-org-id N --credential-id N  --console-api URL (oauth-s2s: secret rotation)
         --client-secret-stdin   read the client secret from standard input (else a hidden prompt)
  The client secret is never accepted as an argument. The vault is created on first use.
  User sign-in (then \`keysmith login NAME\`):
    oauth-user  Adobe: --app-type native|singlePage|web (web needs --client-secret-stdin)
                --redirect-uri URL (Single-Page and Web App: the one registered in the Console)
                --scopes openid,AdobeID,offline_access  --ims-endpoint URL
    oauth2 --grant authorization_code|device_code  any provider: --issuer URL (OpenID discovery)
                or --authorize-url/--device-url and --token-url; optional --revocation-url,
                --userinfo-url, --jwks-url, --redirect-uri; --client-secret-stdin for a
                confidential client (else public, PKCE)`,
  list: `keysmith list [--json]
  List integrations. --json prints an array of {name, kind, clientId, orgId, description, updatedAt}.`,
  show: `keysmith show <name> [--json]
  Show one integration with its secrets masked.`,
  edit: `keysmith edit <name> [flags of add]
  Change fields; an empty value (--org-id "") clears an optional field. --client-secret-stdin
  replaces the client secret.`,
  rm: `keysmith rm <name>
  Remove an integration (the previous vault generation stays in vault.ksv.bak).`,
  duplicate: `keysmith duplicate <name> [--name NEW]
  Copy an integration with its secrets and keys (e.g. to vary the scopes), as NEW or as
  "<name> (copy)". The copy mints its own tokens.`,
  secret: `keysmith secret <name>
  Print the client secret alone to standard output, for pipes.`,
  status: `keysmith status [--json]
  Where the vault is, how it is unlocked and how many integrations it holds.`,
  recover: `keysmith recover [--recovery-key-stdin] [--keychain | --passphrase]
  Open the vault with its recovery key and give it back the unlock it had: a fresh key in the OS
  keychain, or a new passphrase (KEYSMITH_PASSPHRASE, else asked). --keychain or --passphrase
  switches to that one instead; the other then stops opening the vault. Use it when the keychain
  entry or the passphrase is lost. The recovery key keeps working.`,
  'restore-backup': `keysmith restore-backup
  Make the previous vault generation current again, keeping the replaced file beside it.`,
  keygen: `keysmith keygen <name> [--bits ${RSA_KEY_SIZES.join('|')}] [--days ${DEFAULT_CERTIFICATE_DAYS}] [--cn CN] [--org O] [--ou OU]
                 [--country CC] [--cert-out FILE] [--force]
  Generate an RSA keypair and a self-signed certificate for a JWT (or OAuth 2.0 private_key_jwt)
  integration. The key stays in the vault; the certificate is written for upload to the Developer
  Console (default ./<name>-<fingerprint>.crt). The first key is active; later ones wait for use-key.`,
  certs: `keysmith certs <name> [--json]
  List the integration's keypairs: fingerprint, size, expiry, which is active. Warns under 30 days.`,
  'import-key': `keysmith import-key <name> --key FILE [--cert FILE] [--passphrase-stdin]
  Import an RSA private key (PKCS#8, PKCS#1 or encrypted PEM; its passphrase from stdin) with its
  certificate, which must belong to it. Without --cert a new certificate is made for the key.`,
  'export-cert': `keysmith export-cert <name> [--fingerprint F] [--out FILE] [--force]
  Write a certificate (default: the active key's) to FILE or standard output.`,
  'export-key': `keysmith export-key <name> --out FILE [--fingerprint F] [--force]
  Write a private key (default: the active one) to FILE, mode 0600. Never to standard output.`,
  'use-key': `keysmith use-key <name> --fingerprint F
  Make a key the active (signing) key. Fingerprints: 64 hex digits, colons optional, or a unique prefix of 8+.`,
  token: `keysmith token <name> [--format raw|header|curl|json|env|jwt] [--force]
  Print an access token: from the encrypted cache while more than the refresh margin remains, else
  newly minted. raw: the token; header: Authorization: Bearer ...; curl: curl with the headers;
  env: export lines; json: accessToken, expiresAt, fromCache and more. --force ignores the cache.
  API key integrations have no token: the forms give the x-api-key header instead. jwt: a freshly
  signed JWT (Service Account, private_key_jwt) for tools that exchange it themselves.`,
  exec: `keysmith exec <name> [--force] -- <command...>
  Run a command with KEYSMITH_ACCESS_TOKEN, KEYSMITH_API_KEY and KEYSMITH_ORG_ID in its environment,
  and without KEYSMITH_PASSPHRASE or any other KEYSMITH_* variable but KEYSMITH_HOME,
  KEYSMITH_HTTP_TIMEOUT_MS and KEYSMITH_DEBUG; ends with the command's exit code or signal.`,
  inspect: `keysmith inspect <name> [--json]
  Decode the current access token (Adobe's are JWTs): claims, issue time, expiry, scopes. Never
  prints the signature.`,
  import: `keysmith import <file|folder> [--name N] [--credential ID] [--dry-run]
  Import a Developer Console project JSON (every credential in the workspace), AEM service
  credentials, an aio CLI config (JSON, HJSON or YAML), a .env file, a Postman environment or PDF
  Services credentials; the format is read from the content. A folder is read as aio reads one (its
  .env, .aio and aio). Shows what is added or updated; re-importing a credential updates it.
  --dry-run writes nothing. \`keysmith formats\` lists every format with an example.`,
  export: `keysmith export <name> --format env|aio|postman|curl [--include-secrets] [--with-token] [--context C] [--out FILE] [--force]
  Write the integration for other tools. Secrets only with --include-secrets (the file is then 0600).
  --with-token (postman, curl) adds a current access token. --context names the aio context (aio,
  env). --force replaces an existing FILE (or symlink) by a new file; it never writes into the old one.`,
  formats: `keysmith formats
  List the file formats import reads and export writes, with one example each.`,
  bundle: `keysmith bundle export <name...> --out FILE [--passphrase-stdin] [--force]
keysmith bundle import FILE [--passphrase-stdin]
  Share integrations (with their secrets and keys) with a teammate, encrypted with a passphrase
  (scrypt + AES-256-GCM). The passphrase is asked for, never taken from KEYSMITH_PASSPHRASE.`,
  migrate: `keysmith migrate <jwt-name> (--from CONSOLE_JSON | --scopes a,b) [--name N] [--retire]
  Create the OAuth Server-to-Server integration for a JWT one (same client id), mint a token with it,
  and with --retire mark the JWT one retired (its keys stay until you remove it).`,
  secrets: `keysmith secrets <name> [--json]
  List an OAuth Server-to-Server credential's client secrets as Adobe's I/O Management API does: id,
  created, last used, and which one Keysmith holds. Never a value.`,
  'rotate-secret': `keysmith rotate-secret <name> [--delete-old | --finish] [--force] [--json]
  Add a new client secret at Adobe, save it in the vault, prove it mints, and switch to it. The old
  one is deleted with --delete-old (or later with --finish), only if Adobe reports it unused since
  the switch or with --force. A run after an interruption continues where it stopped.`,
  health: `keysmith health [--json] [--secret-max-age DAYS] [--certificate-days DAYS]
  What needs attention, per integration and by when: certificates expiring (30 days), client secrets
  older than 90 days or left behind, JWT integrations past end of life, failed last mints, unused
  integrations. Exits 3 when something is due.`,
  'rm-key': `keysmith rm-key <name> --fingerprint F
  Remove a key. The active key can be removed only when it is the last one.`,
  login: `keysmith login <name> [--no-browser | --paste | --device] [--timeout SECONDS]
  Sign a person in to a user sign-in integration: opens the system browser ($BROWSER, else
  xdg-open/open) at the provider, waits for it on http://127.0.0.1:<free port>/callback (or the
  registered --redirect-uri), checks state, PKCE and the ID token, and stores the tokens encrypted.
  --no-browser  print the URL (stderr) and wait for the redirect
  --paste       the browser is on another machine: paste the URL it ends on (or the code)
  --device      device code (RFC 8628): open the printed URL anywhere and enter the code
  --timeout     how long to wait for the browser (default 300 s)`,
  logout: `keysmith logout <name>
  Revoke the person's tokens at the provider where it can (RFC 7009) and delete them here.`,
  whoami: `keysmith whoami <name> [--json]
  Who is signed in and until when the access and refresh tokens last. Exit code 0 when signed in
  (or renewable), 1 when a sign-in is needed.`,
};

export function generalHelp(version: string): string {
  return `keysmith ${version}: credentials for Adobe I/O and OAuth 2.0 APIs, from an encrypted vault

Usage: keysmith <command> [options]

Commands:
  init            create the vault (OS keychain, or --passphrase)
  add             add an integration (apikey, oauth-s2s, jwt, oauth2)
  list            list integrations
  show            show one integration, secrets masked
  edit            change an integration
  rm              remove an integration
  duplicate       copy an integration, secrets and keys included
  secret          print a client secret, for pipes
  status          where the vault is and how it opens
  recover         reopen the vault with its recovery key
  restore-backup  go back to the previous vault generation
  keygen          generate an RSA keypair and certificate for an integration
  certs           list an integration's keypairs and their expiry
  import-key      import an existing private key (and certificate)
  export-cert     write a certificate for upload
  export-key      write a private key to a 0600 file
  use-key         choose the active (signing) key
  rm-key          remove a key
  token           print an access token (cached, re-minted before expiry)
  exec            run a command with the token in its environment
  inspect         decode the current access token
  import          import Console, AEM, aio or .env credentials
  export          write an integration as .env, aio context, Postman environment or curl
  formats         list the file formats import reads and export writes
  bundle          share integrations encrypted with a passphrase
  migrate         move a JWT integration to OAuth Server-to-Server
  login           sign a person in (browser, --no-browser, --paste, --device)
  logout          revoke and delete a person's tokens
  whoami          who is signed in; exits 1 when a sign-in is needed
  secrets         list a credential's client secrets at Adobe
  rotate-secret   rotate an OAuth Server-to-Server client secret at Adobe
  health          what needs attention, and by when (exit 3 if due)
  help [command]  this text, or a command's

Environment:
  KEYSMITH_HOME        data directory (default: the platform's app-data folder, .../Keysmith)
  KEYSMITH_PASSPHRASE  unlock (or create) a passphrase-protected vault without a prompt

Exit codes: 0 success, 1 error, 2 usage error, 3 \`health\`: something is due.`;
}
