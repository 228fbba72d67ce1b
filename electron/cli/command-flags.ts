/**
 * What shell completion offers after each command: its flags, what each flag's value is, and
 * whether its arguments are integration names. A test holds this table to the commands: every flag
 * here is accepted by its command, and every flag its help mentions is here.
 */
import { ADOBE_APP_TYPES, AUTH_METHODS, INTEGRATION_KINDS, USER_GRANTS } from '../shared/integration-kinds';
import { EXPORT_FORMATS, TOKEN_FORMATS } from '../shared/formats';
import { RSA_KEY_SIZES } from '../shared/key-limits';
import type { CommandName } from './command-names';

/** bool: no value; value: free text; file: a path; a list: one of these words. */
export type FlagValue = 'bool' | 'value' | 'file' | readonly string[];

export interface CommandCompletion {
  flags: Record<string, FlagValue>;
  /** what the positional arguments are */
  args?: 'names' | 'name' | 'file' | 'kinds' | 'commands' | 'shells' | 'bundle';
}

const JSON_FLAG = { json: 'bool' } as const;
const INTEGRATION_FLAGS: Record<string, FlagValue> = {
  name: 'value', description: 'value', 'client-id': 'value', 'org-id': 'value',
  'technical-account-id': 'value', 'technical-account-email': 'value', scopes: 'value', metascopes: 'value',
  'ims-endpoint': 'value', 'token-url': 'value', 'auth-method': AUTH_METHODS, audience: 'value',
  'refresh-margin': 'value', 'auto-refresh': ['on', 'off'], 'client-secret-stdin': 'bool', ...JSON_FLAG,
  'app-type': ADOBE_APP_TYPES, grant: ['client_credentials', ...USER_GRANTS], 'redirect-uri': 'value', issuer: 'value',
  'authorize-url': 'value', 'device-url': 'value', 'revocation-url': 'value', 'userinfo-url': 'value', 'jwks-url': 'value',
  'console-org-id': 'value', 'credential-id': 'value', 'console-api': 'value', 'console-url': 'value',
};

export const COMPLETION: Record<CommandName, CommandCompletion> = {
  init: { flags: { passphrase: 'bool', 'passphrase-stdin': 'bool' } },
  add: { flags: INTEGRATION_FLAGS, args: 'kinds' },
  list: { flags: JSON_FLAG },
  show: { flags: JSON_FLAG, args: 'name' },
  edit: { flags: INTEGRATION_FLAGS, args: 'name' },
  rm: { flags: { yes: 'bool', ...JSON_FLAG }, args: 'names' },
  duplicate: { flags: { name: 'value' }, args: 'name' },
  secret: { flags: {}, args: 'name' },
  status: { flags: JSON_FLAG },
  unlock: { flags: { minutes: 'value', 'passphrase-stdin': 'bool', shell: ['sh', 'fish'], ...JSON_FLAG } },
  lock: { flags: { all: 'bool', shell: ['sh', 'fish'], ...JSON_FLAG } },
  recover: { flags: { 'recovery-key-stdin': 'bool', passphrase: 'bool', keychain: 'bool' } },
  'restore-backup': { flags: {} },
  keygen: {
    flags: { bits: RSA_KEY_SIZES.map(String), days: 'value', cn: 'value', org: 'value', ou: 'value', country: 'value', 'cert-out': 'file', force: 'bool', ...JSON_FLAG },
    args: 'name',
  },
  certs: { flags: JSON_FLAG, args: 'name' },
  'import-key': { flags: { key: 'file', cert: 'file', 'passphrase-stdin': 'bool' }, args: 'name' },
  'export-cert': { flags: { fingerprint: 'value', out: 'file', force: 'bool' }, args: 'name' },
  'export-key': { flags: { fingerprint: 'value', out: 'file', force: 'bool' }, args: 'name' },
  'use-key': { flags: { fingerprint: 'value' }, args: 'name' },
  'rm-key': { flags: { fingerprint: 'value' }, args: 'name' },
  token: { flags: { format: [...TOKEN_FORMATS, 'jwt'], force: 'bool', ...JSON_FLAG }, args: 'name' },
  exec: { flags: { force: 'bool' }, args: 'name' },
  inspect: { flags: JSON_FLAG, args: 'name' },
  import: { flags: { name: 'value', credential: 'value', 'dry-run': 'bool', ...JSON_FLAG }, args: 'file' },
  export: { flags: { format: EXPORT_FORMATS, 'include-secrets': 'bool', 'with-token': 'bool', context: 'value', out: 'file', force: 'bool' }, args: 'name' },
  bundle: { flags: { out: 'file', 'passphrase-stdin': 'bool', force: 'bool', ...JSON_FLAG }, args: 'bundle' },
  migrate: { flags: { from: 'file', scopes: 'value', name: 'value', retire: 'bool' }, args: 'name' },
  formats: { flags: {} },
  login: { flags: { 'no-browser': 'bool', paste: 'bool', device: 'bool', timeout: 'value' }, args: 'name' },
  'login-cert': { flags: { out: 'file', force: 'bool', ...JSON_FLAG } },
  logout: { flags: {}, args: 'name' },
  whoami: { flags: JSON_FLAG, args: 'name' },
  secrets: { flags: JSON_FLAG, args: 'name' },
  'rotate-secret': { flags: { 'delete-old': 'bool', finish: 'bool', force: 'bool', ...JSON_FLAG }, args: 'name' },
  health: { flags: { 'secret-max-age': 'value', 'certificate-days': 'value', ...JSON_FLAG } },
  completion: { flags: {}, args: 'shells' },
  version: { flags: JSON_FLAG },
  help: { flags: {}, args: 'commands' },
};

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export { INTEGRATION_KINDS };
