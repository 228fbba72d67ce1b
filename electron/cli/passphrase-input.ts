/** Where a new passphrase comes from: stdin when asked, KEYSMITH_PASSPHRASE, or a confirmed prompt. */
import { KeysmithError } from '../core/errors';
import type { CliContext } from './cli-context';
import { readStdin, withHiddenInput } from './terminal';

const MIN_LENGTH = 8;

function checked(passphrase: string): string {
  if (passphrase.length < MIN_LENGTH) {
    throw new KeysmithError('invalid_input', `The passphrase must be at least ${MIN_LENGTH} characters long`);
  }
  return passphrase;
}

export async function readNewPassphrase(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) return checked(await readStdin(ctx.io, 'passphrase'));
  if (ctx.env.KEYSMITH_PASSPHRASE) return checked(ctx.env.KEYSMITH_PASSPHRASE);
  if (!ctx.io.stdin.isTTY) {
    throw new KeysmithError('usage', 'No passphrase given: set KEYSMITH_PASSPHRASE, pipe it with --passphrase-stdin, or run in a terminal to be asked');
  }
  // One hidden session for both questions: echo stays off between them.
  return withHiddenInput(ctx.io, async (ask) => {
    const first = checked(await ask('New vault passphrase: '));
    if ((await ask('Repeat the passphrase: ')) !== first) throw new KeysmithError('invalid_input', 'The two passphrases differ; nothing was created');
    return first;
  });
}

/**
 * A bundle's passphrase is not the vault's: never taken from KEYSMITH_PASSPHRASE, so a vault
 * passphrase is not handed to a teammate by accident.
 */
export async function readBundlePassphrase(ctx: CliContext, fromStdin: boolean, confirm: boolean): Promise<string> {
  if (fromStdin) return checked(await readStdin(ctx.io, 'bundle passphrase'));
  if (!ctx.io.stdin.isTTY) {
    throw new KeysmithError('usage', 'No bundle passphrase: pipe it with --passphrase-stdin, or run in a terminal to be asked');
  }
  return withHiddenInput(ctx.io, async (ask) => {
    const first = await ask('Bundle passphrase: ');
    if (!confirm) return first;
    checked(first);
    if ((await ask('Repeat the bundle passphrase: ')) !== first) {
      throw new KeysmithError('invalid_input', 'The two passphrases differ; nothing was written');
    }
    return first;
  });
}
