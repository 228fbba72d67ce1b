/**
 * Every public command with its one-line summary, once: the general help lists them, "did you
 * mean" suggests from them and shell completion offers them. Each has a `keysmith help <command>`
 * entry in help.ts (a unit test holds the two together).
 */
export const COMMAND_SUMMARIES = {
  init: 'create the vault (OS keychain, or --passphrase)',
  add: 'add an integration (apiKey, oauthS2S, jwt, oauth2, oauthUser)',
  list: 'list integrations',
  show: 'show one integration, secrets masked',
  edit: 'change an integration',
  rm: 'remove integrations',
  duplicate: 'copy an integration, secrets and keys included',
  secret: 'print a client secret, for pipes',
  status: 'where the vault is and how it opens',
  unlock: 'start a session: a passphrase vault opens without asking',
  lock: 'end the session',
  recover: 'reopen the vault with its recovery key',
  'restore-backup': 'go back to the previous vault generation',
  keygen: 'generate an RSA keypair and certificate for an integration',
  certs: "list an integration's keypairs and their expiry",
  'import-key': 'import an existing private key (and certificate)',
  'export-cert': 'write a certificate for upload',
  'export-key': 'write a private key to a 0600 file',
  'use-key': 'choose the active (signing) key',
  'rm-key': 'remove a key',
  token: 'print an access token (cached, re-minted before expiry)',
  exec: 'run a command with the token in its environment',
  inspect: 'decode the current access token',
  import: 'import Console, AEM, aio, Postman, PDF Services or .env credentials',
  export: 'write an integration as .env, aio context, Postman environment or curl',
  bundle: 'share integrations encrypted with a passphrase',
  migrate: 'move a JWT integration to OAuth Server-to-Server',
  formats: 'list the file formats import reads and export writes',
  login: 'sign a person in (browser, --no-browser, --paste, --device)',
  'login-cert': 'the certificate of https://localhost sign-ins, to trust',
  logout: "revoke and delete a person's tokens",
  whoami: 'who is signed in; exits 1 when a sign-in is needed',
  secrets: "list a credential's client secrets at Adobe",
  'rotate-secret': 'rotate an OAuth Server-to-Server client secret at Adobe',
  health: 'what needs attention, and by when (exit 3 if due)',
  completion: 'print the shell completion script (bash, zsh, fish)',
  version: 'print the version',
  help: "this text, or a command's",
} as const satisfies Record<string, string>;

export type CommandName = keyof typeof COMMAND_SUMMARIES;

export const PUBLIC_COMMANDS = Object.keys(COMMAND_SUMMARIES) as CommandName[];
