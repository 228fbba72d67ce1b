/** A client secret comes from stdin or a hidden prompt, never from argv. */
import { KeysmithError } from '../core/errors';
import type { CliContext } from './cli-context';
import { promptHidden, readStdin } from './terminal';

export function assertCanPrompt(ctx: CliContext): void {
  if (!ctx.io.stdin.isTTY) {
    throw new KeysmithError('usage', 'This integration needs a client secret: pipe it in with --client-secret-stdin (e.g. `printf %s "$SECRET" | keysmith add ... --client-secret-stdin`)');
  }
}

export async function readClientSecret(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin(ctx.io, 'client secret');
  assertCanPrompt(ctx);
  const secret = await promptHidden(ctx.io, 'Client secret (input hidden): ');
  if (!secret) throw new KeysmithError('invalid_input', 'The client secret was empty; nothing was saved');
  return secret;
}
