/** The help text, one entry per command; `keysmith help <command>` prints one. */
import { DEFAULT_CERTIFICATE_DAYS, RSA_KEY_SIZES } from '../shared/key-limits';
import { KIND_CHOICES } from '../shared/integration-kinds';
import { COMMAND_SUMMARIES } from './command-names';

function commandList(): string {
  const width = Math.max(...Object.keys(COMMAND_SUMMARIES).map((n) => n.length)) + 2;
  return Object.entries(COMMAND_SUMMARIES)
    .map(([name, summary]) => `  ${name.padEnd(width)}${summary}`)
    .join('\n');
}

export const COMMAND_HELP: Record<string, string> = {
  init: `keysmith init [--passphrase | --passphrase-stdin]
  Create the vault. By default its key lives in the OS keychain; with --passphrase (or when
  KEYSMITH_PASSPHRASE is set) it is unlocked by a passphrase instead. Prints a recovery key once.`,
  add: `keysmith add <${KIND_CHOICES}> --name NAME [flags] [--json]
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
                confidential client (else public, PKCE)
  The kind is spelled as in --json and errors; case, - and _ are ignored (oauth-s2s works).
  --json prints {added: {name, kind, clientId, orgId, description, updatedAt}}.`,
  list: `keysmith list [--json]
  List integrations. --json prints an array of {name, kind, clientId, orgId, description, updatedAt}.`,
  show: `keysmith show <name> [--json]
  Show one integration with its secrets masked.`,
  edit: `keysmith edit <name> [flags of add] [--json]
  Change fields; an empty value (--org-id "") clears an optional field. --client-secret-stdin
  replaces the client secret. --json prints {updated: {...}, changed: [fields]}.`,
  rm: `keysmith rm <name...> [--yes] [--json]
  Remove integrations with their secrets and keys, in one change, after asking (--yes: without
  asking; required when standard input is not a terminal). restore-backup can bring them back only
  until the vault changes again. --json prints {removed: [...], backup: FILE}.`,
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
                 [--country CC] [--cert-out FILE] [--force] [--json]
  Generate an RSA keypair and a self-signed certificate for a JWT (or OAuth 2.0 private_key_jwt)
  integration. The key stays in the vault; the certificate is written for upload to the Developer
  Console (default ./<name>-<fingerprint>.crt). The first key is active; later ones wait for use-key.
  --json prints the key's summary and the certificate's path.`,
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
  token: `keysmith token <name> [--format raw|header|curl|json|env|jwt] [--json] [--force]
  Print an access token: from the encrypted cache while more than the refresh margin remains, else
  newly minted. raw: the token; header: Authorization: Bearer ...; curl: curl with the headers;
  env: export lines; json: accessToken, expiresAt, fromCache and more. --force ignores the cache.
  API key integrations have no token: the forms give the x-api-key header instead. jwt: a freshly
  signed JWT (Service Account, private_key_jwt) for tools that exchange it themselves. --json is
  --format json. On a terminal, retries of an unreachable endpoint are counted down on stderr.`,
  exec: `keysmith exec <name> [--force] -- <command...>
  Run a command with KEYSMITH_ACCESS_TOKEN, KEYSMITH_API_KEY and KEYSMITH_ORG_ID in its environment,
  and without KEYSMITH_PASSPHRASE or any other KEYSMITH_* variable but KEYSMITH_HOME,
  KEYSMITH_HTTP_TIMEOUT_MS and KEYSMITH_DEBUG; ends with the command's exit code or signal.`,
  inspect: `keysmith inspect <name> [--json]
  Decode the current access token (Adobe's are JWTs): claims, issue time, expiry, scopes. Never
  prints the signature. apiKey integrations have no token to inspect.`,
  import: `keysmith import <file|folder> [--name N] [--credential ID] [--dry-run] [--json]
  Import a Developer Console project JSON (every credential in the workspace), AEM service
  credentials, an aio CLI config (JSON, HJSON or YAML), a .env file, a Postman environment or PDF
  Services credentials; the format is read from the content. A folder is read as aio reads one (its
  .env, .aio and aio). Shows what is added or updated; re-importing a credential updates it.
  --dry-run writes nothing. \`keysmith formats\` lists every format with an example.
  --json prints {file, format, dryRun, plan: [{action, name, kind, clientId, source, ...}]}.`,
  export: `keysmith export <name> --format env|aio|postman|curl [--include-secrets] [--with-token] [--context C] [--out FILE] [--force]
  Write the integration for other tools. Secrets only with --include-secrets (the file is then 0600).
  --with-token (postman, curl) adds a current access token. --context names the aio context (aio,
  env). --force replaces an existing FILE (or symlink) by a new file; it never writes into the old one.`,
  formats: `keysmith formats
  List the file formats import reads and export writes, with one example each.`,
  bundle: `keysmith bundle export <name...> --out FILE [--passphrase-stdin] [--force] [--json]
keysmith bundle import FILE [--passphrase-stdin] [--json]
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
  integrations. Exits 3 when something is due. The thresholds are the app's settings when it set
  them (settings.json beside the vault, only read); the flags win over them.`,
  'rm-key': `keysmith rm-key <name> --fingerprint F
  Remove a key. The active key can be removed only when it is the last one.`,
  login: `keysmith login <name> [--no-browser | --paste | --device] [--timeout SECONDS]
  Sign a person in to a user sign-in integration: opens the system browser ($BROWSER, else
  xdg-open/open) at the provider, waits for it on http://127.0.0.1:<free port>/callback (or the
  registered redirect URI), checks state, PKCE and the ID token, and stores the tokens encrypted.
  --no-browser  print the URL (stderr) and wait for the redirect
  --paste       the browser is on another machine: paste the URL it ends on (or the code)
  --device      device code (RFC 8628): open the printed URL anywhere and enter the code
  --timeout     how long to wait for the browser (default 300 s)
  On a terminal, the wait (and a device code's lifetime) is counted down on stderr.
  A registered https://localhost:PORT (or 127.0.0.1, [::1]) redirect is served over TLS with a
  self-signed certificate Keysmith makes once and keeps: the browser warns about it until you trust
  it (see \`keysmith help login-cert\`).`,
  'login-cert': `keysmith login-cert [--out FILE [--force]] [--json]
  Print (or write to FILE) the self-signed certificate Keysmith serves https://localhost sign-in
  redirects with, made now if no sign-in has made it yet. Add it to your trust store so the browser
  stops warning: macOS \`security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db FILE\`;
  Debian/Ubuntu \`sudo cp FILE /usr/local/share/ca-certificates/keysmith-localhost.crt && sudo update-ca-certificates\`;
  Windows \`certutil -user -addstore Root FILE\`; Firefox: Settings > Certificates > Import.
  It is valid for localhost, 127.0.0.1 and ::1 only, and cannot sign other certificates.`,
  logout: `keysmith logout <name>
  Revoke the person's tokens at the provider where it can (RFC 7009) and delete them here.`,
  whoami: `keysmith whoami <name> [--json]
  Who is signed in and until when the access and refresh tokens last. Exit code 0 when signed in
  (or renewable), 1 when a sign-in is needed.`,
  unlock: `keysmith unlock [--minutes N] [--passphrase-stdin]
  Start a session for a passphrase vault, as \`op signin\` and \`bw unlock\` do: asks for the
  passphrase once and prints a line for eval, e.g. \`eval "$(keysmith unlock)"\`. Commands run from
  that shell then open the vault without asking until the session expires (default 30 minutes,
  at most 720) or \`keysmith lock\` ends it. The session key is kept only in that shell's
  environment (KEYSMITH_SESSION); the file it opens holds the vault key encrypted, never in clear.
  --shell picks the line's syntax (default: fish when $SHELL is fish, else sh). --json prints
  {session, expiresAt} instead.`,
  lock: `keysmith lock [--all] [--shell sh|fish] [--json]
  End this shell's session (KEYSMITH_SESSION), or with --all every session of this vault. Prints
  \`unset KEYSMITH_SESSION\` for eval (--shell fish: \`set -e KEYSMITH_SESSION\`). --json prints
  {ended}, the number of sessions ended.`,
  completion: `keysmith completion <bash|zsh|fish>
  Print the completion script: commands, flags and integration names (names only when the vault
  opens without asking: keychain, KEYSMITH_PASSPHRASE or a session). Install:
    bash: keysmith completion bash > ~/.local/share/bash-completion/completions/keysmith
    zsh:  keysmith completion zsh > "\${fpath[1]}/_keysmith"   (then restart zsh)
    fish: keysmith completion fish > ~/.config/fish/completions/keysmith.fish`,
  version: `keysmith version [--json]
  Print Keysmith's version (also: keysmith --version).`,
  help: `keysmith help [command]
  The list of commands, or one command's usage (also: keysmith <command> --help).`,
};

export function generalHelp(version: string): string {
  return `keysmith ${version}: credentials for Adobe I/O and OAuth 2.0 APIs, from an encrypted vault

Usage: keysmith <command> [options]

Commands:
${commandList()}

Environment:
  KEYSMITH_HOME        data directory (default: the platform's app-data folder, .../Keysmith)
  KEYSMITH_PASSPHRASE  unlock (or create) a passphrase-protected vault without a prompt
  KEYSMITH_SESSION     set by \`eval "$(keysmith unlock)"\`: the vault opens without asking
  NO_COLOR             no colour or bold, even on a terminal

Exit codes: 0 success, 1 error, 2 usage error, 3 \`health\`: something is due, 126/127 exec's
command cannot run / is not found, 130 cancelled (Ctrl-C), 141 output pipe closed; exec passes on
its command's own code.`;
}
