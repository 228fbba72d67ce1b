import { addIntegration, validateFields, withoutNulls } from '../../core/integration-store';
import { summarize } from '../../core/integration-view';
import { didYouMean, withHint } from '../../shared/did-you-mean';
import { INTEGRATION_KINDS, KIND_CHOICES, KIND_LABELS, parseKind, signsWithKey, usesClientSecret } from '../../shared/integration-kinds';
import { visibleText } from '../../shared/terminal-text';
import { openOrCreateVault, type CliContext } from '../cli-context';
import { INTEGRATION_OPTIONS, fieldsFromFlags, withFlagNames } from '../integration-flags';
import { shellWord, writeHint, writeJson } from '../output';
import { parseCommandArgs, usageError, type OptionSpec } from '../parse-args';
import { assertCanPrompt, readClientSecret } from '../secret-input';
import { writeLine } from '../terminal';

export async function add(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('add', args, { ...INTEGRATION_OPTIONS, json: { type: 'boolean' as const } } as OptionSpec, { min: 1, max: 1, names: `the kind: ${KIND_CHOICES}` });
  let kind = parseKind(positionals[0]!);
  if (!kind) throw usageError('add', `Unknown kind "${visibleText(positionals[0]!)}": use ${KIND_CHOICES}${withHint(didYouMean(positionals[0]!, INTEGRATION_KINDS))}`);
  // `oauth2 --grant authorization_code|device_code` is a person's sign-in; client_credentials is the machine kind.
  if (kind === 'oauth2' && values.grant !== undefined) {
    if (values.grant === 'client_credentials') delete values.grant;
    else kind = 'oauth2User';
  }
  if (values.name === undefined) throw usageError('add', '--name is required');
  const fields = fieldsFromFlags(kind, values, 'add');
  const needsSecret = usesClientSecret({ kind, authMethod: fields.authMethod, appType: fields.appType ?? 'native' });
  if (kind === 'apiKey' && values['client-secret-stdin']) {
    throw usageError('add', 'apiKey integrations have no client secret: leave out --client-secret-stdin');
  }
  // Check every flag before anything is asked, read or created (the secret is checked on its own).
  withFlagNames(() => validateFields(withoutNulls({ ...fields, kind, clientSecrets: needsSecret ? ['unchecked'] : [] })), values);
  // Piped secrets are read (and checked) before the vault is touched; a typed one is asked for
  // after unlocking, so a wrong passphrase does not cost the user a typed-in secret.
  const fromStdin = Boolean(values['client-secret-stdin']);
  if (fromStdin) fields.clientSecrets = [await readClientSecret(ctx, true)];
  else if (needsSecret) assertCanPrompt(ctx);
  const vault = await openOrCreateVault(ctx);
  if (needsSecret && !fromStdin) fields.clientSecrets = [await readClientSecret(ctx, false)];
  const added = await withFlagNames(() => vault.update((doc) => addIntegration(doc, { ...fields, kind })));
  if (values.json) {
    writeJson(ctx, { added: summarize(added) });
    return;
  }
  writeLine(ctx.io.stdout, `Added ${KIND_LABELS[kind]} integration "${added.name}"`);
  const name = shellWord(added.name);
  if (signsWithKey(added)) writeHint(ctx, `keysmith keygen ${name}   (make its key and certificate)`);
  else if (kind !== 'apiKey') writeHint(ctx, `keysmith token ${name}   (mint a token)`);
  else writeHint(ctx, `keysmith token ${name} --format curl   (the x-api-key header)`);
}
