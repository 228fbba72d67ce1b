/** Where a new passphrase comes from: stdin when asked, KEYSMITH_PASSPHRASE, or a confirmed prompt. */
import { KeysmithError } from '../core/errors';
import { newPassphraseProblem } from '../shared/passphrase-rule';
import type { CliContext } from './cli-context';
import { readStdin, withHiddenInput } from './terminal';

/** The core enforces the rule too; checking here first says where the passphrase came from, before any prompt. */
export function acceptNewPassphrase(passphrase: string, source = 'The passphrase'): string {
  const problem = newPassphraseProblem(passphrase);
  if (problem) throw new KeysmithError('invalid_input', `${source} is not accepted as a new passphrase: ${problem}`, { field: 'passphrase' });
  return passphrase;
}

export async function readNewPassphrase(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) return acceptNewPassphrase(await readStdin(ctx.io, 'passphrase'));
  if (ctx.env.KEYSMITH_PASSPHRASE) return acceptNewPassphrase(ctx.env.KEYSMITH_PASSPHRASE, 'KEYSMITH_PASSPHRASE');
  assertCanAskNewPassphrase(ctx);
  // One hidden session for both questions: echo stays off between them.
  return withHiddenInput(ctx.io, async (ask) => {
    const first = acceptNewPassphrase(await ask('New vault passphrase: '));
    if ((await ask('Repeat the passphrase: ')) !== first) throw new KeysmithError('invalid_input', 'The two passphrases differ; nothing was created');
    return first;
  });
}

/** Throws unless readNewPassphrase(ctx, false) has somewhere to take a passphrase from. */
export function assertCanAskNewPassphrase(ctx: CliContext): void {
  if (ctx.env.KEYSMITH_PASSPHRASE || ctx.io.stdin.isTTY) return;
  throw new KeysmithError('usage', 'No passphrase given: set KEYSMITH_PASSPHRASE, pipe it with --passphrase-stdin, or run in a terminal to be asked');
}

/**
 * A bundle's passphrase is not the vault's: never taken from KEYSMITH_PASSPHRASE, so a vault
 * passphrase is not handed to a teammate by accident.
 */
export async function readBundlePassphrase(ctx: CliContext, fromStdin: boolean, confirm: boolean): Promise<string> {
  if (fromStdin) {
    const given = await readStdin(ctx.io, 'bundle passphrase');
    // The rule is for choosing one; opening a bundle takes whatever its sender chose.
    return confirm ? acceptNewPassphrase(given, 'The bundle passphrase') : given;
  }
  if (!ctx.io.stdin.isTTY) {
    throw new KeysmithError('usage', 'No bundle passphrase: pipe it with --passphrase-stdin, or run in a terminal to be asked');
  }
  return withHiddenInput(ctx.io, async (ask) => {
    const first = await ask('Bundle passphrase: ');
    if (!confirm) return first;
    acceptNewPassphrase(first, 'The bundle passphrase');
    if ((await ask('Repeat the bundle passphrase: ')) !== first) {
      throw new KeysmithError('invalid_input', 'The two passphrases differ; nothing was written');
    }
    return first;
  });
}
