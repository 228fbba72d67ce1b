/**
 * Keeps what the process holds (the decrypted vault, the passphrase, client secrets, tokens) out of
 * its core dumps, where the OS allows that without native code. Node cannot call
 * prctl(PR_SET_DUMPABLE) or madvise(MADV_DONTDUMP), but on Linux a process may write its own
 * /proc/self/coredump_filter: 0 leaves every anonymous mapping (the V8 heap, malloc, the stack with
 * the environment) and every file mapping out of a core, whether the kernel writes it on a crash
 * (to a file or to a handler such as systemd-coredump) or gdb's gcore takes it.
 *
 * The filter is inherited across fork and exec, so the command run by `keysmith exec` dumps the
 * same way (its token stays out of its cores too). Handing it the caller's filter back around
 * spawn() was tried: it left this process on the caller's filter until spawn() returned, a window
 * a loaded machine made long enough to matter.
 *
 * What remains: root and the same user can still read the live process (ptrace, /proc/PID/mem and
 * /proc/PID/environ), which only PR_SET_DUMPABLE would stop; macOS and Windows have no such file
 * (cores are off by default on macOS; Windows Error Reporting writes dumps only where configured).
 */
import { writeFileSync } from 'node:fs';

/** Call first thing at start-up. False where the OS offers no such control (nothing is changed then). */
export function keepMemoryOutOfCoreDumps(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    writeFileSync('/proc/self/coredump_filter', '0');
    return true;
  } catch {
    return false; // no /proc (a sandbox): nothing more can be done without native code
  }
}
