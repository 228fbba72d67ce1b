/**
 * `keysmith formats` folds to the terminal's width (80 when piped) with hanging indents, and its
 * folded example commands still paste into a shell as the same command.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../electron/cli/display-width';
import { INTEROP_FORMATS } from '../../electron/shared/interop-formats';
import { runCli } from '../support/cli';
import { PTY_TOOLS, onTerminal } from '../support/pty';

const lines = (text: string) => text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');

/** The arguments a shell sees for each folded "e.g." command, echoed one per line by a stand-in keysmith. */
function shellArgs(folded: string): string[][] {
  const commands = folded.replace(/\r\n/g, '\n').match(/^ {2}e\.g\. keysmith (?:.* \\\n {9})*.*/gm) ?? [];
  return commands.map((c) =>
    execFileSync('sh', ['-c', `keysmith() { for a in "$@"; do printf '%s\\n' "$a"; done; }\n${c.replace(/^ {2}e\.g\. /, '')}`], { encoding: 'utf8' }).trimEnd().split('\n'),
  );
}

describe('keysmith formats', () => {
  it('piped: no line wider than 80 columns', async () => {
    const r = await runCli(['formats']);
    expect(r.code, r.stderr).toBe(0);
    for (const line of lines(r.stdout)) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    // The Postman example is wider than 80 unfolded: the limit is met by folding it, not by luck.
    expect(Math.max(...INTEROP_FORMATS.map((f) => f.example.length + 7))).toBeGreaterThan(80);
  });

  it.skipIf(PTY_TOOLS === null)('on a 50-column terminal: folded to 50, continuation lines indented deeper', async () => {
    const { code, screen } = await onTerminal(['formats'], { TERM: 'xterm' }, async () => undefined, { columns: 50 });
    expect(code, screen).toBe(0);
    const shown = lines(screen);
    for (const line of shown) expect(displayWidth(line), line).toBeLessThanOrEqual(50);
    expect(shown.some((line) => /^ {4}\S/.test(line))).toBe(true);
    // Every example, folded or not, is still the command the table holds when a shell reads it.
    const expected = INTEROP_FORMATS.map((f) => shellArgs(`  e.g. ${f.example}`)[0]);
    expect(shellArgs(screen)).toEqual(expected);
    expect(screen).toMatch(/ \\\r?\n {9}/);
  });
});
