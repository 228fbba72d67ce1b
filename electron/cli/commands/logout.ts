import { signOut } from '../../core/signin/sign-out';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { grantOptions } from '../signin-output';
import { writeLine } from '../terminal';

const REVOCATION_WORDS = {
  revoked: 'the provider revoked the tokens',
  unsupported: 'the provider has no revocation endpoint, so the tokens stay valid there until they expire',
  failed: 'the provider could not be told (its tokens stay valid there until they expire)',
  none: '',
} as const;

export async function logout(args: string[], ctx: CliContext): Promise<void> {
  const { positionals } = parseCommandArgs('logout', args, {}, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const result = await signOut(vault, positionals[0]!, grantOptions(ctx));
  const name = visibleText(positionals[0]!);
  if (!result.wasSignedIn) {
    writeLine(ctx.io.stdout, `"${name}" was not signed in`);
    return;
  }
  writeLine(ctx.io.stdout, `Signed out of "${name}": the tokens were deleted from this machine; ${REVOCATION_WORDS[result.revocation]}`);
}
