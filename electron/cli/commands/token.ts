import { didYouMean, withHint } from '../../shared/did-you-mean';
import { visibleText } from '../../shared/terminal-text';
import { currentCredentials as lookUpCredentials } from '../../core/tokens/current-credentials';
import { TOKEN_FORMATS, formatCredentials, type Credentials, type TokenFormat } from '../../core/tokens/token-formats';
import { openVault, type CliContext } from '../cli-context';
import { getIntegration } from '../../core/integration-view';
import { signedAssertion } from '../../core/tokens/signed-assertion';
import { parseCommandArgs, usageError } from '../parse-args';
import { tokenService } from '../token-context';
import { writeExact, writeLine } from '../terminal';

/** The credentials to use now: a token (cached or minted) or, for API keys, just the key. */
export async function currentCredentials(ctx: CliContext, name: string, force: boolean): Promise<Credentials> {
  const vault = await openVault(ctx);
  const { refreshError, cacheWarning, ...credentials } = await lookUpCredentials(vault.document, () => tokenService(vault, ctx), name, { force });
  if (refreshError !== undefined && credentials.expiresAt !== undefined) {
    const minutes = Math.floor((credentials.expiresAt - Date.now()) / 60_000);
    writeLine(ctx.io.stderr, `warning: could not refresh the token (${refreshError}); using the cached one, valid ${minutes} more minutes`);
  }
  if (cacheWarning !== undefined) writeLine(ctx.io.stderr, `warning: ${visibleText(cacheWarning)}`);
  return credentials;
}

export async function token(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('token', args, {
    format: { type: 'string', short: 'f' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  // --json is --format json, as on every other command that reports something.
  if (values.json && values.format !== undefined && values.format !== 'json') throw usageError('token', `--json and --format ${values.format} ask for different outputs: give one`);
  const format = (values.json ? 'json' : (values.format ?? 'raw')) as TokenFormat | 'jwt';
  if (format === 'jwt') {
    // Not a token: the signed JWT a tool exchanges for one itself (Adobe's Postman collections).
    const vault = await openVault(ctx);
    const { jwt } = await signedAssertion(getIntegration(vault.document, positionals[0]!));
    writeExact(ctx.io.stdout, `${jwt}\n`);
    return;
  }
  if (!TOKEN_FORMATS.includes(format)) throw usageError('token', `--format must be one of ${TOKEN_FORMATS.join(', ')} or jwt (got "${visibleText(format)}")${withHint(didYouMean(format, [...TOKEN_FORMATS, 'jwt']))}`);
  const credentials = await currentCredentials(ctx, positionals[0]!, Boolean(values.force));
  writeExact(ctx.io.stdout, formatCredentials(format, credentials));
}
