/**
 * Opens the system browser at a URL (RFC 8252: never an embedded view). $BROWSER wins, as for
 * xdg-open, git and gh; else the platform's opener. The URL is one argument of a spawned program,
 * never a shell string, so nothing in it can become a command.
 */
import { spawn } from 'node:child_process';

export type OpenBrowser = (url: string) => Promise<void>;

function opener(env: NodeJS.ProcessEnv): [string, string[]] {
  const browser = env.BROWSER?.trim();
  if (browser) return [browser, []];
  if (process.platform === 'darwin') return ['open', []];
  // `start` is a cmd built-in; rundll32's handler takes the URL as one argument without cmd's quoting rules.
  if (process.platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler']];
  return ['xdg-open', []];
}

export function systemBrowser(env: NodeJS.ProcessEnv): OpenBrowser {
  return (url) =>
    new Promise<void>((resolve, reject) => {
      const [command, args] = opener(env);
      const child = spawn(command, [...args, url], { stdio: 'ignore', detached: true });
      child.once('error', reject);
      // The opener's exit is not awaited: a browser started by it may run long after.
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
