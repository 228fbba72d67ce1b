/**
 * A stand-in for the system browser that the CLI's opener runs ($BROWSER): a script that appends
 * the URL it is given to a file, so a test can hand it to a real Chromium (or fetch it). It is run
 * exactly as xdg-open would be: a program with the URL as its one argument.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface RecordingBrowser {
  /** the value for $BROWSER */
  command: string;
  /** waits for the n-th URL opened (1-based) */
  url(n?: number): Promise<string>;
}

export function recordingBrowser(dir: string): RecordingBrowser {
  const log = path.join(dir, 'opened-urls.txt');
  const command = path.join(dir, 'record-browser.sh');
  writeFileSync(command, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(command, 0o755);
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  return {
    command,
    async url(n = 1) {
      await waitFor(() => lines().length >= n, { what: `the CLI to open URL #${n} in the browser`, timeoutMs: 30_000 });
      return lines()[n - 1]!;
    },
  };
}
