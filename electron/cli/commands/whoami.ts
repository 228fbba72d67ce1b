import { signInStatus } from '../../core/signin/sign-in-status';
import { visibleText } from '../../shared/terminal-text';
import { openVault, type CliContext } from '../cli-context';
import { ExitCode } from '../exit-code';
import { parseCommandArgs } from '../parse-args';
import { describeExpiry, describeIdentity } from '../signin-output';
import { writeLine } from '../terminal';
import { foldRecord } from '../wrap-text';

/** Exit 0 when signed in (or renewable), 1 when a sign-in is needed: for scripts. */
export async function whoami(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('whoami', args, { json: { type: 'boolean' } }, { min: 1, max: 1, names: 'the name of the integration' });
  const vault = await openVault(ctx);
  const status = await signInStatus(vault, positionals[0]!);
  const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);
  if (values.json) {
    const { identity, ...rest } = status;
    const out = {
      ...rest,
      ...(identity && { identity: { ...identity } }),
      accessExpiresAt: iso(status.accessExpiresAt) ?? null,
      refreshExpiresAt: iso(status.refreshExpiresAt) ?? null,
      signedInAt: iso(status.signedInAt) ?? null,
    };
    writeLine(ctx.io.stdout, JSON.stringify(out, null, 2));
  } else {
    const name = visibleText(status.name);
    if (status.state === 'signed_out') writeLine(ctx.io.stdout, foldRecord(ctx, `"${name}": not signed in`, '  '));
    else {
      writeLine(ctx.io.stdout, foldRecord(ctx, `"${name}": ${status.state === 'signed_in' ? 'signed in' : 'sign-in expired'}${describeIdentity(status.identity)}`, '  '));
      writeLine(ctx.io.stdout, foldRecord(ctx, describeExpiry(status.accessExpiresAt!, status.refreshExpiresAt), '  '));
      if (status.refreshExpiresSoon) writeLine(ctx.io.stdout, 'The refresh token lapses soon: sign in again before it does');
    }
  }
  if (status.state !== 'signed_in') throw new ExitCode(1);
}
