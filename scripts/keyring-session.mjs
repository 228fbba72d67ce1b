// Runs a command inside a private D-Bus session with a freshly unlocked gnome-keyring and a
// throw-away HOME, so tests and benchmarks use the real Secret Service without touching the
// user's own keyring. Returns null when the machine lacks dbus-run-session or gnome-keyring-daemon.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`;

/** Exit status of `argv` run in the session, or null when no session can be made here. */
export function runInKeyringSession(argv, { cwd, env = {} }) {
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) return null;
  const home = mkdtempSync(path.join(tmpdir(), 'keysmith-keyring-home-'));
  const script = `echo -n keysmith-session | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec ${argv.map(quote).join(' ')}`;
  const childEnv = { ...process.env, ...env, HOME: home, XDG_DATA_HOME: path.join(home, '.local/share') };
  // gnome-keyring would otherwise put its control socket in the real user's runtime dir.
  delete childEnv.XDG_RUNTIME_DIR;
  try {
    const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], { cwd, stdio: 'inherit', env: childEnv });
    return result.status ?? 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
