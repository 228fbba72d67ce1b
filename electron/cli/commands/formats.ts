import { formatsText } from '../../shared/interop-formats';
import type { CliContext } from '../cli-context';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';
import { outputColumns, wrapCommand, wrapText } from '../wrap-text';

const EXAMPLE = '  e.g. ';

/**
 * formatsText() folded to the terminal (80 columns when piped) with hanging indents: prose between
 * words; an example command between arguments with " \", so it still pastes into a shell.
 */
function fold(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line === '') return [line];
      if (line.startsWith(EXAMPLE)) return wrapCommand(line.slice(EXAMPLE.length), width, EXAMPLE, ' '.repeat(EXAMPLE.length + 2));
      const indent = /^ */.exec(line)![0];
      return wrapText(line.slice(indent.length), width, indent, `${indent}  `);
    })
    .join('\n');
}

/** What `import` reads and `export` writes, one example each (the README's table, as text). */
export async function formats(args: string[], ctx: CliContext): Promise<void> {
  parseCommandArgs('formats', args, {}, { min: 0, max: 0, names: 'nothing' });
  writeLine(ctx.io.stdout, fold(formatsText(), outputColumns(ctx)));
  return Promise.resolve();
}
