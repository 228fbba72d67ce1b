/**
 * Real core dumps of a running process, to search for secrets. The kernel writes one where
 * `core_pattern` names a file in the process's own folder (the Linux default, "core"): the process
 * is started with RLIMIT_CORE raised and killed with SIGABRT, as a crash would. Elsewhere (a pattern
 * that pipes to systemd-coredump or apport, or names a folder of its own) gdb's `gcore` takes it
 * from the live process instead. Both honour /proc/PID/coredump_filter. The machine's core_pattern
 * is global and root-only, so it is never changed here.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { requirement, requireTool } from './requirements';

export type CoreMethod = { kind: 'kernel' } | { kind: 'gcore'; gcore: string };

function kernelWritesHere(): string | null {
  if (process.platform !== 'linux') return 'core dumps are searched on Linux only';
  let pattern: string;
  try {
    pattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
  } catch {
    return 'cannot read /proc/sys/kernel/core_pattern';
  }
  if (pattern === '' || pattern.startsWith('|') || pattern.includes('/')) return `core_pattern is "${pattern}", not a file in the process's folder`;
  if (spawnSync('sh', ['-c', 'ulimit -c unlimited'], { stdio: 'ignore' }).status !== 0) return 'the hard RLIMIT_CORE is 0';
  return null;
}

/** How this machine can produce a core; null (after printing why, or throwing under CI) when it cannot. */
export function coreMethod(): CoreMethod | null {
  const kernelProblem = kernelWritesHere();
  if (kernelProblem === null) return { kind: 'kernel' };
  if (process.platform !== 'linux') {
    requirement('core dump tests', kernelProblem, { requiredWhen: false });
    return null;
  }
  const gcore = requireTool('gcore', `${kernelProblem}, so gdb's gcore takes the core instead`, 'gdb');
  return gcore ? { kind: 'gcore', gcore } : null;
}

export interface Dumpable {
  pid: number;
  /** The process's folder, where the kernel writes its core; empty but for what the process writes. */
  cwd: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
}

/** Starts `command` with RLIMIT_CORE raised (sh's ulimit, then exec: the pid is the command's own). */
export function spawnDumpable(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Dumpable {
  const child = spawn('sh', ['-c', 'ulimit -c unlimited 2>/dev/null; exec "$@"', 'sh', command, ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    pid: child.pid!,
    cwd: opts.cwd,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    stdout: () => out,
  };
}

/**
 * The core of process `pid`, read whole and then deleted. With the kernel the process dies of
 * SIGABRT (`exited`, for a child of ours; else /proc is polled); with gcore it keeps running and the
 * caller ends it. `cwd` is the process's folder, where the kernel writes the core.
 */
export async function takeCore(target: { pid: number; cwd: string; exited?: Dumpable['exited'] }, method: CoreMethod): Promise<Buffer> {
  if (method.kind === 'gcore') {
    const prefix = path.join(target.cwd, 'gcore');
    await new Promise<void>((resolve, reject) =>
      execFile(method.gcore, ['-o', prefix, String(target.pid)], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (err, _out, stderr) =>
        err ? reject(new Error(`gcore failed: ${err.message}\n${stderr}`)) : resolve(),
      ),
    );
    return readAndRemove(`${prefix}.${target.pid}`);
  }
  const before = new Set(readdirSync(target.cwd));
  process.kill(target.pid, 'SIGABRT');
  if (target.exited) {
    const { signal } = await target.exited;
    if (signal !== 'SIGABRT') throw new Error(`expected process ${target.pid} to die of SIGABRT, it ended with ${signal}`);
  } else {
    await gone(target.pid);
  }
  // The kernel has written the core before anyone learns of the death.
  const fresh = readdirSync(target.cwd).filter((n) => !before.has(n));
  if (fresh.length !== 1) throw new Error(`expected one core file in ${target.cwd}, found ${JSON.stringify(fresh)}`);
  return readAndRemove(path.join(target.cwd, fresh[0]!));
}

/** Polls until `pid` is dead (gone, or a zombie waiting for its parent). */
async function gone(pid: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return;
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    if (Date.now() > deadline) throw new Error(`process ${pid} did not die of SIGABRT`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function readAndRemove(file: string): Buffer {
  try {
    return readFileSync(file);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Occurrences of `text` in `core`, as one-byte (Latin-1/UTF-8) and as two-byte (UTF-16) strings, as V8 stores them. */
export function occurrences(core: Buffer, text: string): number {
  let count = 0;
  for (const needle of [Buffer.from(text, 'latin1'), Buffer.from(text, 'utf16le')]) {
    for (let at = core.indexOf(needle); at >= 0; at = core.indexOf(needle, at + 1)) count++;
  }
  return count;
}
