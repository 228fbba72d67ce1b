/** Linux process state from /proc: 'T' once stopped by SIGSTOP; undefined once the process is gone. */
import { readFileSync } from 'node:fs';

export function processState(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
