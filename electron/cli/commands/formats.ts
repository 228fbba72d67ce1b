import { formatsText } from '../../shared/interop-formats';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

/** What `import` reads and `export` writes, one example each (the README's table, as text). */
export async function formats(args: string[], ctx: CliContext): Promise<void> {
  parseCommandArgs('formats', args, {}, { min: 0, max: 0, names: 'nothing' });
  writeLine(ctx.io.stdout, formatsText());
  return Promise.resolve();
}
