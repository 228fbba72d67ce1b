import { createInterface } from 'node:readline';
import { KeysmithError } from '../../core/errors';
import { signIn, type SignInMode } from '../../core/signin/sign-in';
import { DEFAULT_SIGN_IN_TIMEOUT_SECONDS, MAX_SIGN_IN_TIMEOUT_SECONDS } from '../../shared/sign-in-limits';
import { visibleText } from '../../shared/terminal-text';
import { systemBrowser } from '../browser-opener';
import { openVault, type CliContext } from '../cli-context';
import { parseCommandArgs, usageError } from '../parse-args';
import { showsProgress, spinner, timeLeft, type Progress } from '../progress';
import { CANCELLED_EXIT, writeLine } from '../terminal';
import { ExitCode } from '../exit-code';
import { guardInterrupts, type InterruptGuard } from '../interrupt-guard';
import { grantOptions, describeIdentity, describeExpiry } from '../signin-output';

/**
 * One line from standard input: what the person pasted. Not hidden: a code is useless without this
 * process's PKCE verifier. `stop` lets go of stdin once the sign-in is over either way (the
 * browser may have come back to the loopback first), so a pending read does not keep the process.
 */
function readPastedLine(ctx: CliContext): { read: () => Promise<string>; stop: () => void } {
  let reading = false;
  const stop = () => {
    if (reading) ctx.io.stdin.destroy();
  };
  const read = () =>
    new Promise<string>((resolve, reject) => {
      reading = true;
      const rl = createInterface({ input: ctx.io.stdin, terminal: false, crlfDelay: Infinity });
      let answered = false;
      rl.once('line', (line) => {
        answered = true;
        rl.close();
        resolve(line);
      });
      rl.once('close', () => {
        if (!answered) reject(new KeysmithError('invalid_input', 'Standard input ended before the URL the browser ended on (or the code) was pasted; nothing was stored'));
      });
    });
  return { read, stop };
}

export async function login(args: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parseCommandArgs('login', args, {
    'no-browser': { type: 'boolean' },
    paste: { type: 'boolean' },
    device: { type: 'boolean' },
    timeout: { type: 'string' },
  }, { min: 1, max: 1, names: 'the name of the integration' });
  const chosen = (['no-browser', 'paste', 'device'] as const).filter((m) => values[m]);
  if (chosen.length > 1) throw usageError('login', `--${chosen[0]} and --${chosen[1]} exclude each other`);
  const mode: SignInMode = chosen[0] ?? 'browser';
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || seconds < 1 || seconds > MAX_SIGN_IN_TIMEOUT_SECONDS) {
      throw usageError('login', `--timeout must be a whole number of seconds from 1 to ${MAX_SIGN_IN_TIMEOUT_SECONDS} (got "${values.timeout}")`);
    }
    timeoutMs = seconds * 1000;
  }
  const vault = await openVault(ctx);
  const err = ctx.io.stderr;
  const pasted = readPastedLine(ctx);
  // The wait for the browser or for approval, counted down on stderr when a person watches it. Not
  // while a URL is pasted: the person types on that line.
  let waiting: Progress | null = null;
  const waitUntil = (what: string, end: string, deadline: number) => {
    waiting?.done();
    waiting = spinner(ctx, () => `${what}… (Ctrl-C to stop, ${end} ${timeLeft(deadline - Date.now())})`);
  };
  const stopWaiting = () => {
    waiting?.done();
    waiting = null;
  };
  const waitMs = timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_SECONDS * 1000;
  // Ctrl-C while waiting: nothing is stored yet, so stop at once, on a clean line (the "^C" the
  // terminal echoed and the spinner erased). Dying of the signal is safe only until storing.
  let guard: InterruptGuard | null = null;
  let interrupted = false;
  const guardTheWait = () => {
    guard ??= guardInterrupts(process, () => {
      stopWaiting();
      if (err.isTTY) err.write(showsProgress(ctx) ? '\r\u001b[2K' : '\r');
      writeLine(err, 'Sign-in stopped; nothing was stored.');
    });
  };
  const result = await signIn(vault, positionals[0]!, {
    ...grantOptions(ctx),
    mode,
    ...(timeoutMs !== undefined && { waitMs: timeoutMs }),
    openBrowser: systemBrowser(ctx.env),
    readPasted: () => {
      stopWaiting();
      return pasted.read();
    },
    onAuthorizationUrl: (url, opened) => {
      guardTheWait();
      if (mode === 'paste') {
        writeLine(err, `Open this URL in a browser, sign in, then paste the URL the browser ends on (or the code) here:`);
        writeLine(err, url);
      } else if (opened) {
        writeLine(err, `Opened the browser to sign in; waiting for it to come back (if it did not open: ${url})`);
      } else {
        writeLine(err, mode === 'browser' ? `Could not open a browser; open this URL to sign in:` : 'Open this URL to sign in:');
        writeLine(err, url);
      }
      if (mode !== 'paste') waitUntil('Waiting for the browser', 'gives up in', Date.now() + waitMs);
    },
    onLoopbackCertificate: (cert, redirectUri) => {
      writeLine(err, `Keysmith answers ${visibleText(redirectUri)} over TLS with its own self-signed certificate (SHA-256 ${cert.fingerprint256}):`);
      writeLine(err, `unless you trusted it, the browser shows a certificate warning (such as "Your connection is not private", NET::ERR_CERT_AUTHORITY_INVALID) before it comes back; continuing past it there is safe.`);
      writeLine(err, `To trust it: \`keysmith login-cert --out keysmith-localhost.crt\` and add that file to your system or browser trust store (see \`keysmith help login-cert\`; kept at ${visibleText(cert.certPath)}).`);
    },
    onDeviceCode: (code) => {
      guardTheWait();
      writeLine(err, `To sign in, open ${code.verificationUri} on any device and enter the code: ${visibleText(code.userCode)}`);
      if (code.verificationUriComplete) writeLine(err, `(or open ${code.verificationUriComplete})`);
      if (showsProgress(ctx)) waitUntil('Waiting for approval', 'the code expires in', code.expiresAt);
      else writeLine(err, `Waiting for approval (the code expires at ${new Date(code.expiresAt).toLocaleTimeString()})...`);
    },
    beforeStore: () => guard?.storing(),
  }).finally(() => {
    stopWaiting();
    pasted.stop();
    // Settled either way: Ctrl-C from here on is Node's default again (the error or result is quick to print).
    interrupted = (guard as InterruptGuard | null)?.release() ?? false;
  });
  writeLine(ctx.io.stdout, `Signed in to "${visibleText(result.integration.name)}"${describeIdentity(result.identity)}`);
  writeLine(err, describeExpiry(result.expiresAt, result.hasRefreshToken ? (result.refreshExpiresAt ?? null) : undefined));
  if (interrupted) {
    writeLine(err, 'Ctrl-C came while the sign-in was being stored: it was stored whole, and nothing else was done.');
    throw new ExitCode(CANCELLED_EXIT);
  }
}
