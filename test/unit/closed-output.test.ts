/**
 * How the CLI's exit code is settled when the process exits: a closed pipe is 141, a failed write
 * 1, the command's own code wins, and an early process.exit(n) is not turned into 0.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLOSED_PIPE_EXIT, watchOutput } from '../../electron/cli/closed-output';

function fakeProcess() {
  const stream = () => Object.assign(new EventEmitter(), { written: [] as string[], write(text: string) { this.written.push(text); return true; } });
  const proc = Object.assign(new EventEmitter(), { stdout: stream(), stderr: stream(), exitCode: undefined as number | undefined });
  return proc;
}
const asProcess = (p: ReturnType<typeof fakeProcess>) => p as unknown as NodeJS.Process;

describe('watchOutput', () => {
  it('keeps the command code; 0 stays 0', () => {
    const proc = fakeProcess();
    const report = watchOutput(asProcess(proc));
    report(2);
    proc.emit('exit', 2);
    expect(proc.exitCode).toBe(2);
    const ok = fakeProcess();
    watchOutput(asProcess(ok))(0);
    ok.emit('exit', 0);
    expect(ok.exitCode).toBe(0);
  });

  it('a reader gone makes an otherwise good command exit 141', () => {
    const proc = fakeProcess();
    watchOutput(asProcess(proc))(0);
    proc.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    proc.emit('exit', 0);
    expect(proc.exitCode).toBe(CLOSED_PIPE_EXIT);
  });

  it('another write failure is exit 1 with one sentence on stderr', () => {
    const proc = fakeProcess();
    watchOutput(asProcess(proc))(0);
    proc.stdout.emit('error', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    proc.emit('exit', 0);
    expect(proc.exitCode).toBe(1);
    expect(proc.stderr.written.join('')).toMatch(/^keysmith: could not write the output: .*\n$/);
  });

  it('an early process.exit(130) is not reset to 0', () => {
    const proc = fakeProcess();
    watchOutput(asProcess(proc));
    proc.emit('exit', 130);
    expect(proc.exitCode).toBe(130);
  });
});
