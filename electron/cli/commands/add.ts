import { addIntegration, validateFields, withoutNulls } from '../../core/integration-store';
import { KIND_LABELS, usesClientSecret } from '../../shared/integration-kinds';
import { openOrCreateVault, type CliContext } from '../cli-context';
import { INTEGRATION_OPTIONS, KIND_ALIASES, fieldsFromFlags, withFlagNames } from '../integration-flags';
import { parseCommandArgs, usageError } from '../parse-args';
import { assertCanPrompt, readClientSecret } from '../secret-input';
import { writeLine } from '../terminal';

export async function add(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('add', args, INTEGRATION_OPTIONS, { min: 1, max: 1, names: 'the kind: apikey, oauth-s2s, jwt, oauth2 or oauth-user' });
  let kind = KIND_ALIASES[positionals[0]!.toLowerCase()];
  if (!kind) throw usageError('add', `Unknown kind "${positionals[0]}": use apikey, oauth-s2s, jwt, oauth2 or oauth-user`);
  // `oauth2 --grant authorization_code|device_code` is a person's sign-in; client_credentials is the machine kind.
  if (kind === 'oauth2' && values.grant !== undefined) {
    if (values.grant === 'client_credentials') delete values.grant;
    else kind = 'oauth2User';
  }
  if (values.name === undefined) throw usageError('add', '--name is required');
  const fields = fieldsFromFlags(kind, values, 'add');
  const needsSecret = usesClientSecret({ kind, authMethod: fields.authMethod, appType: fields.appType ?? 'native' });
  if (kind === 'apiKey' && values['client-secret-stdin']) {
    throw usageError('add', 'API key integrations have no client secret: leave out --client-secret-stdin');
  }
  // Check every flag before anything is asked, read or created (the secret is checked on its own).
  withFlagNames(() => validateFields(withoutNulls({ ...fields, kind, clientSecrets: needsSecret ? ['unchecked'] : [] })));
  // Piped secrets are read (and checked) before the vault is touched; a typed one is asked for
  // after unlocking, so a wrong passphrase does not cost the user a typed-in secret.
  const fromStdin = Boolean(values['client-secret-stdin']);
  if (fromStdin) fields.clientSecrets = [await readClientSecret(ctx, true)];
  else if (needsSecret) assertCanPrompt(ctx);
  const vault = await openOrCreateVault(ctx);
  if (needsSecret && !fromStdin) fields.clientSecrets = [await readClientSecret(ctx, false)];
  const added = await withFlagNames(() => vault.update((doc) => addIntegration(doc, { ...fields, kind })));
  writeLine(ctx.io.stdout, `Added ${KIND_LABELS[kind]} integration "${added.name}"`);
}
