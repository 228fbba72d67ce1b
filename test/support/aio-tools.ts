/**
 * The real aio libraries, run as child processes so their config paths, .env hoisting and process.env
 * changes stay out of the test process:
 * - writeAioConfig: @adobe/aio-lib-core-config's own `set()` writes the global config
 *   (AIO_CONFIG_FILE) and the project's `.aio` (cwd), exactly as `aio config set`, `aio login` and
 *   aio-lib-ims's `context.set()` do;
 * - aioLibImsToken: @adobe/aio-lib-ims's `getToken(context)` on a config folder, its IMS host routed
 *   to a loopback emulator through HTTPS_PROXY (see ims-tls-proxy.ts), its code unchanged.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { childResult, type ChildResult } from './child-result';
import { ROOT } from './cli';

export interface AioSet {
  key: string;
  value: unknown;
  /** the project's .aio (cwd) rather than the global config */
  local?: boolean;
}

type Run = ChildResult;

async function runNode(script: string, input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  // Only what the libraries need: a stray AIO_* variable of the machine would become config.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AIO_|^HTTPS?_PROXY$|^NO_PROXY$/i.test(k)));
  const child = spawn(process.execPath, ['-e', script], { cwd, env: { ...clean, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return childResult(child, input);
}

const CONFIG_MODULE = path.join(ROOT, 'node_modules', '@adobe', 'aio-lib-core-config', 'src', 'Config.js');
const IMS_MODULE = path.join(ROOT, 'node_modules', '@adobe', 'aio-lib-ims');

/**
 * Runs aio-lib-core-config's set() for each entry, in order. `globalFile` is the global config file
 * (aio's ~/.config/aio); `projectDir` is the working directory whose `.aio` gets the local entries.
 */
export async function writeAioConfig(globalFile: string, projectDir: string, sets: AioSet[]): Promise<void> {
  const script = `
    const Config = require(${JSON.stringify(CONFIG_MODULE)});
    let input = '';
    process.stdin.on('data', (d) => (input += d));
    process.stdin.on('end', () => {
      const config = new Config();
      config.reload();
      for (const { key, value, local } of JSON.parse(input)) config.set(key, value, Boolean(local));
    });`;
  const run = await runNode(script, JSON.stringify(sets), projectDir, { AIO_CONFIG_FILE: globalFile });
  if (run.code !== 0) throw new Error(`aio-lib-core-config failed: ${run.stderr}`);
}

export interface AioTokenResult {
  code: number;
  token?: string;
  error?: string;
}

/**
 * aio-lib-ims's getToken(contextName), reading the config from `globalFile` and the project folder
 * `projectDir` (its .aio and .env). `proxyUrl` and `caFile` route https://ims-na1.adobelogin.com to
 * the emulator (ims-tls-proxy.ts).
 */
export async function aioLibImsToken(opts: { globalFile: string; projectDir: string; context: string; proxyUrl: string; caFile: string }): Promise<AioTokenResult> {
  const script = `
    const { context, getToken } = require(${JSON.stringify(IMS_MODULE)});
    getToken(${JSON.stringify(opts.context)}).then(
      (token) => { process.stdout.write(JSON.stringify({ token })); },
      (err) => { process.stdout.write(JSON.stringify({ error: String(err && err.message || err) })); process.exitCode = 3; },
    );`;
  const run = await runNode(script, '', opts.projectDir, {
    AIO_CONFIG_FILE: opts.globalFile,
    HTTPS_PROXY: opts.proxyUrl,
    NODE_EXTRA_CA_CERTS: opts.caFile,
  });
  let parsed: { token?: string; error?: string } = {};
  try {
    parsed = JSON.parse(run.stdout) as typeof parsed;
  } catch {
    parsed = { error: `no answer from aio-lib-ims: ${run.stderr.slice(0, 2000)}` };
  }
  return { code: run.code, ...parsed };
}
