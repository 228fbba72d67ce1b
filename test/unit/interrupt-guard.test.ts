/**
 * The Ctrl-C guard of a wait: before storing it stops and re-raises the signal; while storing it
 * only remembers, so the store finishes; released, it leaves SIGINT to Node's default.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { guardInterrupts } from '../../electron/cli/interrupt-guard';

function fakeProcess() {
  const emitter = new EventEmitter();
  const kill = vi.fn<(pid: number, signal: string) => true>(() => true);
  const proc = { on: emitter.on.bind(emitter), off: emitter.off.bind(emitter), kill, pid: 4242 };
  return { proc: proc as unknown as Parameters<typeof guardInterrupts>[0], emitter, kill };
}

describe('guardInterrupts', () => {
  it('while waiting: says so, removes itself and re-raises SIGINT to die of it', () => {
    const { proc, emitter, kill } = fakeProcess();
    const stop = vi.fn();
    guardInterrupts(proc, stop);
    emitter.emit('SIGINT');
    expect(stop).toHaveBeenCalledOnce();
    expect(emitter.listenerCount('SIGINT')).toBe(0);
    expect(kill).toHaveBeenCalledWith(4242, 'SIGINT');
  });

  it('while storing: neither stops nor kills, and release reports the deferred interrupt', () => {
    const { proc, emitter, kill } = fakeProcess();
    const stop = vi.fn();
    const guard = guardInterrupts(proc, stop);
    guard.storing();
    emitter.emit('SIGINT');
    emitter.emit('SIGINT');
    expect(stop).not.toHaveBeenCalled();
    expect(kill).not.toHaveBeenCalled();
    expect(guard.release()).toBe(true);
    expect(emitter.listenerCount('SIGINT')).toBe(0);
  });

  it('released without an interrupt: reports none and leaves no listener', () => {
    const { proc, emitter } = fakeProcess();
    const guard = guardInterrupts(proc, vi.fn());
    expect(emitter.listenerCount('SIGINT')).toBe(1);
    expect(guard.release()).toBe(false);
    expect(emitter.listenerCount('SIGINT')).toBe(0);
  });
});
