/** The built CLI as a long-running child whose output can be awaited line by line (for `login`, which waits on a browser). */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, type CliResult } from './cli';
import { waitFor } from './wait-for';

export interface RunningCli {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** waits until stderr matches, and returns the match */
  stderrMatch(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  write(text: string): void;
  done: Promise<CliResult>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    async stderrMatch(pattern, timeoutMs = 30_000) {
      await waitFor(() => pattern.test(stderr) || child.exitCode !== null, { what: () => `stderr matching ${pattern} (stderr so far: ${stderr})`, timeoutMs });
      const m = stderr.match(pattern);
      if (!m) throw new Error(`keysmith exited (${child.exitCode}) before stderr matched ${pattern}: ${stderr}`);
      return m;
    },
    write(text) {
      child.stdin!.write(text);
    },
    done,
  };
}
