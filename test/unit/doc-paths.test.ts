/**
 * Every repository path README.md and docs/*.md name in inline code exists. The documents write
 * paths from the repository root (`electron/cli/help.ts`) or, inside a layer's section, from that
 * layer (`core/errors.ts`, `errors/ErrorActions.tsx` in renderer/src), and name test and bench files
 * by their name alone (`ipc-fuzz.test.ts`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const BASES = ['', 'electron', 'renderer/src', 'renderer', 'test'];
/** Where a document names a path that is an example, not a file of this repository. */
const ILLUSTRATIVE = new Set<string>([]);

const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const names = new Set(tracked.map((f) => path.basename(f)));

function candidates(markdown: string): string[] {
  // Code blocks hold commands and output; the paths a reader follows are inline.
  const prose = markdown.replace(/^\s*```[\s\S]*?^\s*```/gm, '');
  return [...prose.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!.replace(/[:,]$/, ''));
}

/** A repository path: relative, with a folder we have, or a source file's bare name. */
function isRepoPath(token: string): boolean {
  if (/^(?:[a-z]+:|~|\/|\$|\.\.?\/)|[<>*{}|=]/.test(token)) return false;
  const first = token.split('/')[0]!;
  if (token.includes('/')) return BASES.some((b) => existsSync(path.join(ROOT, b, first)));
  return /\.(?:test|bench|property\.test)\.tsx?$/.test(token) || /^[A-Za-z][\w.-]*\.(?:tsx?|mjs)$/.test(token);
}

function exists(token: string): boolean {
  if (!token.includes('/')) return names.has(token);
  return BASES.some((b) => existsSync(path.join(ROOT, b, token)));
}

describe('paths the documents name', () => {
  const named = DOCS.flatMap((file) => candidates(readFileSync(path.join(ROOT, file), 'utf8')).filter(isRepoPath).map((p) => ({ file, p })));

  it('are found (the extraction itself works)', () => {
    expect(named.map((n) => n.p)).toEqual(expect.arrayContaining(['electron/shared/', 'shared/ipc/channels.ts', 'test/unit/layering.test.ts']));
  });

  it('exist in the repository', () => {
    const missing = named.filter(({ p }) => !ILLUSTRATIVE.has(p) && !exists(p));
    expect(missing.map(({ file, p }) => `${file}: ${p}`)).toEqual([]);
  });
});
