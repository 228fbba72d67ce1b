/**
 * Keeps what the process holds (the decrypted vault, the passphrase, client secrets, tokens) out of
 * its core dumps, where the OS allows that without native code. Node cannot call
 * prctl(PR_SET_DUMPABLE) or madvise(MADV_DONTDUMP), but on Linux a process may write its own
 * /proc/self/coredump_filter: 0 leaves every anonymous mapping (the V8 heap, malloc, the stack with
 * the environment) and every file mapping out of a core, whether the kernel writes it on a crash
 * (to a file or to a handler such as systemd-coredump) or gdb's gcore takes it. The filter is
 * inherited by child processes, which is why `exec` hands its command the user's own setting back.
 *
 * What remains: root and the same user can still read the live process (ptrace, /proc/PID/mem and
 * /proc/PID/environ), which only PR_SET_DUMPABLE would stop; macOS and Windows have no such file
 * (cores are off by default on macOS; Windows Error Reporting writes dumps only where configured).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const FILTER = '/proc/self/coredump_filter';
/** The filter the process started with (the user's), once it has been replaced by 0. */
let inherited: string | null = null;

/** Call first thing at start-up. False where the OS offers no such control (nothing is changed then). */
export function keepMemoryOutOfCoreDumps(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // Read as hex digits; written back with 0x, since the kernel reads a leading 0 as octal.
    const current = `0x${readFileSync(FILTER, 'utf8').trim()}`;
    writeFileSync(FILTER, '0');
    inherited ??= current;
    return true;
  } catch {
    return false; // no /proc (a sandbox): nothing more can be done without native code
  }
}

/**
 * Runs `start` (which spawns a child) with the user's own filter in force, so the child dumps as it
 * would without Keysmith, then goes back to 0. spawn() returns only once the child has exec'd, and
 * the filter is copied at fork and exec, so the child keeps the user's value; this process has it
 * only for the moment spawn() takes.
 */
export function withInheritedCoreDumpFilter<T>(start: () => T): T {
  if (inherited === null) return start();
  const set = (value: string) => {
    try {
      writeFileSync(FILTER, value);
    } catch {
      // It was writable a moment ago; if it no longer is, there is nothing better to do.
    }
  };
  set(inherited);
  try {
    return start();
  } finally {
    set('0');
  }
}
