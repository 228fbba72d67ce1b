/**
 * The `keysmith` command lines a Markdown document shows, so a test can hold the documents to the
 * CLI: from code blocks (continued lines joined, flags in a `# comment` belonging to the line's
 * command or, on a comment-only line, to the command above it) and from inline code in prose.
 */

export interface DocInvocation {
  /** the word after `keysmith`: a command, `--version`, or a placeholder such as `<command>` */
  command: string;
  /** the subcommand word, where there is one (`bundle export`) */
  words: string[];
  flags: string[];
  /** where it stands, for the failure message */
  where: string;
}

const FLAG = /(?:^|[\s[|(])--([a-z][a-z0-9-]*)/g;
// `keysmith` as a program: at a line's start, after a space, a pipe, `$(`, a quote or a backtick.
// The word after it is a command, a program flag or a placeholder: `keysmith commands,` in prose is none.
const INVOCATION = /(?:^|[\s|("`])keysmith ([a-z][a-z-]*|--[a-z-]+|<[^>\s]+>|\[[^\]\s]+\])(?=[\s)"`]|$)([^)|;`#]*)/g;

function flagsIn(text: string): string[] {
  return [...text.matchAll(FLAG)].map((m) => m[1]!);
}

function invocationsIn(text: string, where: string): DocInvocation[] {
  return [...text.matchAll(INVOCATION)].map((m) => {
    // A command's own flags end at `--` (after it, `exec` runs another program).
    const own = m[2]!.split(/\s--(?:\s|$)/)[0]!;
    const words = own.trim().split(/\s+/).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
    return { command: m[1]!, words, flags: flagsIn(` ${m[1]} ${own}`), where };
  });
}

/** Inline code spans and quoted `$(...)` removed, so what is left of a comment is its own prose. */
function withoutNested(comment: string): string {
  return comment.replace(/(`+).+?\1/g, ' ').replace(/\$\([^)]*\)/g, ' ');
}

function fromCodeLine(line: string, where: string, previous: DocInvocation | undefined): DocInvocation[] {
  const hash = line.search(/(?:^|\s)#(?:\s|$)/);
  const code = hash < 0 ? line : line.slice(0, hash);
  const comment = hash < 0 ? '' : line.slice(hash);
  const own = invocationsIn(code, where);
  const found = [...own, ...invocationsIn(comment, where)];
  const owner = own[0] ?? (code.trim() === '' ? previous : undefined);
  if (owner) owner.flags.push(...flagsIn(withoutNested(comment)));
  return found;
}

export function docInvocations(markdown: string, file: string): DocInvocation[] {
  const out: DocInvocation[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  const prose: { text: string; line: number }[] = [];
  let previous: DocInvocation | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      previous = undefined;
      continue;
    }
    if (!fenced) {
      prose.push({ text: line, line: i + 1 });
      continue;
    }
    if (line.trim() === '') previous = undefined;
    let joined = line;
    const start = i + 1;
    while (joined.endsWith('\\') && i + 1 < lines.length) joined = `${joined.slice(0, -1)} ${lines[++i]!}`;
    const found = fromCodeLine(joined, `${file}:${start}`, previous);
    out.push(...found);
    if (found.length > 0 && !/^\s*#/.test(joined)) previous = found[0];
  }
  // Inline code may wrap onto the next line of a paragraph.
  const text = prose.map((p) => p.text).join('\n');
  for (const span of text.matchAll(/(`+)([^`]+?)\1/g)) {
    const line = text.slice(0, span.index).split('\n').length;
    out.push(...invocationsIn(` ${span[2]!.replace(/\s+/g, ' ')}`, `${file}:${prose[line - 1]?.line ?? line}`));
  }
  return out;
}
