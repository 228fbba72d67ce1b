/**
 * The built CLI on a real pseudo-terminal (util-linux `script`), driven the way a fast typist, a
 * password manager or `expect` drives it. The terminal's own settings are read from outside with
 * `stty -F` on the pty, so a test can wait for echo to be off and type at once (before the prompt
 * is even drawn), and then assert that nothing typed ever reached the screen: no race with the
 * prompt's text, whatever the machine's load.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { CLI } from './cli';
import { requireTool } from './requirements';

/** Null (after printing why, or throwing under CI) where no pty can be made or inspected. */
export const PTY_TOOLS = process.platform === 'linux'
  ? (() => {
      const script = requireTool('script', 'util-linux `script` makes the pseudo-terminal the prompts are typed into', 'bsdutils');
      const stty = requireTool('stty', '`stty -F` reads whether the pseudo-terminal echoes', 'coreutils');
      return script && stty ? { script, stty } : null;
    })()
  : (console.log('SKIPPED pseudo-terminal tests: they read the pty through /proc, which only Linux has'), null);

const DEADLINE_MS = 60_000;
const POLL_MS = 10;

export interface Terminal {
  /** Everything the terminal showed so far: what the CLI wrote plus whatever the pty echoed. */
  screen(): string;
  /** Keystrokes, as a terminal sends them: Enter is "\r". */
  type(text: string): void;
  /** Resolves once the pty no longer echoes (the CLI turned echo off); rejects after a minute. */
  waitForEchoOff(): Promise<void>;
  /** Whether the pty echoes right now. */
  echoes(): Promise<boolean>;
  waitForScreen(pattern: RegExp): Promise<void>;
  /** The CLI's exit code (script -e passes it through). */
  exited: Promise<number>;
  kill(): void;
}

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

function childOf(pid: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name, in parentheses, may hold spaces: the fields after its last ')' are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

export interface TerminalOptions {
  /** The terminal's width (`stty cols`); without it the pty says 0 and the CLI assumes 80. */
  columns?: number;
}

export function openTerminal(args: string[], env: NodeJS.ProcessEnv, opts: TerminalOptions = {}): Terminal {
  if (!PTY_TOOLS) throw new Error('no pseudo-terminal tools (see the SKIPPED line above)');
  const { script, stty } = PTY_TOOLS;
  const cli = [process.execPath, CLI, ...args].map(quote).join(' ');
  const command = opts.columns === undefined ? cli : `${quote(stty)} cols ${Math.floor(opts.columns)} rows 24 && exec ${cli}`;
  const child = spawn(script, ['-qec', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let done = false;
  const waiters: (() => void)[] = [];
  const changed = () => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString();
    changed();
  });
  child.stderr.on('data', (d: Buffer) => {
    screen += d.toString();
    changed();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      done = true;
      changed();
      resolve(code ?? -1);
    });
  });

  let ptyPath: string | null = null;
  const pty = (): string | null => {
    if (ptyPath) return ptyPath;
    const inner = child.pid === undefined ? null : childOf(child.pid);
    if (inner === null) return null;
    try {
      const target = readlinkSync(`/proc/${inner}/fd/0`);
      if (target.startsWith('/dev/pts/')) ptyPath = target;
    } catch {
      // not started yet
    }
    return ptyPath;
  };

  const fail = (what: string) => new Error(`${what} within ${DEADLINE_MS / 1000} s; screen so far:\n${screen}`);

  const echoes = (): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const path = pty();
      if (!path) return reject(new Error('the pseudo-terminal is not known yet'));
      execFile(stty, ['-F', path, '-a'], (err, out) => (err ? reject(err) : resolve(!/(^|\s)-echo(\s|$)/.test(out))));
    });

  async function poll(what: string, ready: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      if (await ready().catch(() => false)) return;
      if (done) throw new Error(`the CLI exited before: ${what}; screen:\n${screen}`);
      if (Date.now() > deadline) throw fail(what);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  return {
    screen: () => screen,
    type: (text) => child.stdin.write(text),
    echoes,
    waitForEchoOff: () => poll('echo turned off', async () => !(await echoes())),
    waitForScreen: async (pattern) => {
      const deadline = Date.now() + DEADLINE_MS;
      while (!pattern.test(screen)) {
        if (done) throw new Error(`the CLI exited before showing ${pattern}; screen:\n${screen}`);
        if (Date.now() > deadline) throw fail(`${pattern} shown`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 1_000);
        });
      }
    },
    exited,
    kill: () => {
      if (done) return;
      const inner = child.pid === undefined ? null : childOf(child.pid);
      try {
        if (inner !== null) process.kill(inner, 'SIGKILL');
      } catch {
        // already gone
      }
      child.kill('SIGKILL');
    },
  };
}

/** Runs `drive` against a terminal and always ends the CLI, so a failed test leaves no process behind. */
export async function onTerminal(args: string[], env: NodeJS.ProcessEnv, drive: (t: Terminal) => Promise<void>, opts: TerminalOptions = {}): Promise<{ code: number; screen: string }> {
  const t = openTerminal(args, env, opts);
  try {
    await drive(t);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the CLI did not exit; screen:\n${t.screen()}`)), DEADLINE_MS);
    });
    try {
      return { code: await Promise.race([t.exited, late]), screen: t.screen() };
    } finally {
      clearTimeout(timer);
    }
  } finally {
    t.kill();
  }
}

/** What a person sees at the end: a CR returns to the line's start (what follows overwrites it), no escape sequences. */
export const finalScreen = (screen: string): string =>
  screen
    .replace(/\r+\n/g, '\n')
    .split('\n')
    // eslint-disable-next-line no-control-regex -- removing escape sequences is the point
    .map((line) => line.slice(line.lastIndexOf('\r') + 1).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''))
    .join('\n');
