import { isKeysmithError } from '../../core/errors';
import { addIntegration } from '../../core/integration-store';
import { KIND_LABELS } from '../../core/integration-kinds';
import { openOrCreateVault, type CliContext } from '../cli-context';
import { INTEGRATION_OPTIONS, KIND_ALIASES, explainInvalid, fieldsFromFlags } from '../integration-flags';
import { parseCommandArgs, usageError } from '../parse-args';
import { readClientSecret } from '../secret-input';
import { writeLine } from '../terminal';

export async function add(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('add', args, INTEGRATION_OPTIONS, { min: 1, max: 1, names: 'the kind: apikey, oauth-s2s, jwt or oauth2' });
  const kind = KIND_ALIASES[positionals[0]!.toLowerCase()];
  if (!kind) throw usageError('add', `Unknown kind "${positionals[0]}": use apikey, oauth-s2s, jwt or oauth2`);
  if (values.name === undefined) throw usageError('add', '--name is required');
  const fields = fieldsFromFlags(kind, values, 'add');
  const needsSecret = kind !== 'apiKey' && !(kind === 'oauth2' && fields.authMethod === 'private_key_jwt');
  if (kind === 'apiKey' && values['client-secret-stdin']) {
    throw usageError('add', 'API key integrations have no client secret: leave out --client-secret-stdin');
  }
  if (needsSecret || values['client-secret-stdin']) {
    fields.clientSecrets = [await readClientSecret(ctx, Boolean(values['client-secret-stdin']))];
  }
  const vault = await openOrCreateVault(ctx);
  try {
    const added = await vault.update((doc) => addIntegration(doc, { ...fields, kind }));
    writeLine(ctx.io.stdout, `Added ${KIND_LABELS[kind]} integration "${added.name}"`);
  } catch (err) {
    if (isKeysmithError(err, 'invalid_input')) throw explainInvalid(err);
    throw err;
  }
}

