/** What a finished child process said: the one way the CLI and tool runners collect it. */
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface ChildResult {
  /** -1 when a signal ended it */
  code: number;
  stdout: string;
  stderr: string;
}

/** Writes `input` to the child's stdin, closes it, and resolves once the child has exited and its pipes closed. */
export function childResult(child: ChildProcessByStdio<Writable, Readable, Readable>, input = ''): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}
