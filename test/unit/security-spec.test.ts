/**
 * The security spec of the Electron shell (design.md, "Security model"), asserted on the code that
 * ships, so no setting can regress unnoticed: the BrowserWindow options, the CSP and headers, the
 * navigation, window-open and permission policies, the preload bundle (executed, and its exposed
 * object inspected), the packaged-build fuses, and @doyensec/electronegativity over electron/ and
 * renderer/ with its SARIF parsed: any finding fails, except the few allowlisted below with reasons.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from '../../electron/app/window-options';
import { NAVIGATION_EVENTS, hardenSession, hardenWebContents, type PreventableEvent } from '../../electron/app/web-policy';
import { CHANNELS, EVENTS } from '../../electron/shared/ipc/channels';
import { CONTENT_SECURITY_POLICY, securityHeaders } from '../../electron/app/window-policy';

const ROOT = path.resolve(__dirname, '..', '..');
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the main window', () => {
  const record = (devTools: boolean) => {
    let seen: Record<string, unknown> | undefined;
    class RecordingWindow {
      constructor(options: Record<string, unknown>) {
        seen = options;
      }
    }
    createMainWindow(RecordingWindow as never, { preloadPath: '/app/dist/preload.cjs', devTools });
    return seen as { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  };

  it('is isolated, sandboxed and without Node', () => {
    const { webPreferences } = record(false);
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    });
    expect(String(webPreferences.disableBlinkFeatures)).toContain('Auxclick');
    for (const forbidden of ['enableBlinkFeatures', 'enableRemoteModule', 'additionalArguments', 'partition', 'session']) {
      expect(webPreferences, forbidden).not.toHaveProperty(forbidden);
    }
  });

  it('has devtools only when asked, and main asks only in development', () => {
    expect(record(true).webPreferences.devTools).toBe(true);
    expect(source('electron/main.ts')).toMatch(/createMainWindow\(BrowserWindow, \{ preloadPath: PRELOAD_PATH, devTools: !app\.isPackaged \}\)/);
  });

  it('is the only window main creates, and loads the app:// entry, never file://', () => {
    const main = source('electron/main.ts');
    expect(main).not.toMatch(/new BrowserWindow\(/);
    expect(main).toMatch(/win\.loadURL\(APP_ENTRY_URL\)/);
    expect(main).not.toMatch(/loadFile\(|['"`]file:\/\//);
  });
});

describe('the content security policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values] as const;
  }));

  it('allows scripts from the app only: no inline, no eval, no remote', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe|\bhttps?:|\*|blob:/);
    expect(directives.get('connect-src')).toEqual(["'self'"]); // HTTP goes through main, never the page
  });

  it('passes the CSP evaluator electronegativity uses, with nothing worse than "self may host JSONP"', () => {
    const requireFromEneg = createRequire(require.resolve('@doyensec/electronegativity/package.json'));
    const csp = requireFromEneg('@doyensec/csp-evaluator') as {
      CspParser: new (text: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; description: string }[] };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const serious = findings.filter((f) => f.severity < csp.severities.MEDIUM_MAYBE!);
    expect(serious).toEqual([]);
    // The one remaining note: 'self' could serve JSONP or user uploads. app:// serves only our bundle.
    expect(findings.every((f) => f.directive === 'script-src' && /JSONP/.test(f.description))).toBe(true);
  });

  it('comes in securityHeaders, which app:// serves files with, beside nosniff and isolation headers', () => {
    expect(securityHeaders('text/html')).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
    });
  });
});

describe('navigation, new windows and permissions', () => {
  function fakeContents() {
    const listeners = new Map<string, (e: PreventableEvent) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    return {
      listeners,
      open: (url: string) => openHandler!({ url }),
      on(name: string, listener: (e: PreventableEvent) => void) {
        listeners.set(name, listener);
      },
      setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
        openHandler = h;
      },
    };
  }

  it('blocks every navigation, redirect and webview attach', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, () => undefined);
    expect([...contents.listeners.keys()].sort()).toEqual([...NAVIGATION_EVENTS].sort());
    for (const listener of contents.listeners.values()) {
      let prevented = false;
      listener({ preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    }
    expect(source('electron/main.ts')).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => hardenWebContents\(contents, openExternal\)\)/);
  });

  it('denies every new window; only allowlisted https docs links go to the browser', () => {
    const opened: string[] = [];
    const contents = fakeContents();
    hardenWebContents(contents as never, (url) => opened.push(url));
    const urls = [
      'https://developer.adobe.com/developer-console/docs/guides/',
      'http://developer.adobe.com/',
      'https://developer.adobe.com.evil.example/',
      'https://user@developer.adobe.com/',
      'https://developer.adobe.com:8443/',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://keysmith/index.html',
      'smb://server/share',
    ];
    for (const url of urls) expect(contents.open(url), url).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://developer.adobe.com/developer-console/docs/guides/']);
  });

  it('denies every permission request and check', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    hardenSession({
      setPermissionRequestHandler: (h) => (handlers.request = h as never),
      setPermissionCheckHandler: (h) => (handlers.check = h),
      setDevicePermissionHandler: (h) => (handlers.device = h),
    });
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      let granted: boolean | undefined;
      handlers.request!({}, permission, (g: boolean) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(handlers.check!({}, permission, 'app://keysmith', {})).toBe(false);
    }
    expect(handlers.device!({})).toBe(false);
    expect(source('electron/main.ts')).toMatch(/hardenSession\(session\.defaultSession\)/);
  });
});

describe('the preload bundle', () => {
  async function bundle(): Promise<string> {
    const result = await build({
      entryPoints: [path.join(ROOT, 'electron', 'preload.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  }

  it('is one small file that requires only electron: no zod, no core', async () => {
    const text = await bundle();
    expect(text.length).toBeLessThan(8 * 1024);
    expect([...text.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(text).not.toMatch(/zod|ZodType|electron\/core|node:/);
  });

  it('exposes one frozen object with a function per channel and `on`, and never ipcRenderer or an event', async () => {
    const text = await bundle();
    const exposed: Record<string, unknown> = {};
    const sent: unknown[][] = [];
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => {
        sent.push(args);
        return { ok: true, value: null };
      },
      on: (channel: string, l: (...args: unknown[]) => void) => listeners.set(channel, l),
      removeListener: (channel: string) => listeners.delete(channel),
      send: () => undefined,
      sendSync: () => undefined,
    };
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer,
    };
    const module = { exports: {} };
    vm.runInNewContext(text, { require: (id: string) => (id === 'electron' ? electron : undefined), module, exports: module.exports });

    expect(Object.keys(exposed)).toEqual(['keysmith']);
    const api = exposed.keysmith as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>> | ((...a: unknown[]) => unknown)>;
    expect(Object.isFrozen(api)).toBe(true);
    const domains = [...new Set(CHANNELS.map((c) => c.split(':')[0]))];
    expect(Object.keys(api).sort()).toEqual([...domains, 'on'].sort());

    // Nothing reachable from the exposed object is the transport or one of its functions.
    const seen = new Set<unknown>();
    const walk = (v: unknown) => {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
      seen.add(v);
      expect(v).not.toBe(ipcRenderer);
      for (const f of Object.values(ipcRenderer)) expect(v).not.toBe(f);
      for (const key of Object.getOwnPropertyNames(v)) if (!['caller', 'callee', 'arguments'].includes(key)) walk((v as Record<string, unknown>)[key]);
    };
    walk(api);

    // Each channel function forwards exactly one argument to its own channel.
    for (const channel of CHANNELS) {
      const [domain, action] = channel.split(':') as [string, string];
      await (api[domain] as Record<string, (...args: unknown[]) => Promise<unknown>>)[action]!({ probe: channel }, 'extra');
    }
    expect(sent).toEqual(CHANNELS.map((c) => [c, { probe: c }]));

    // `on` passes the payload only, never the IPC event (whose `sender` reaches back into IPC).
    const received: unknown[][] = [];
    const off = (api.on as (e: string, cb: (...a: unknown[]) => void) => () => void)('token:refreshed', (...args) => received.push(args));
    listeners.get('token:refreshed')!({ sender: ipcRenderer, ports: [] }, { name: 'A', expiresAt: 1 }, 'extra');
    expect(received).toEqual([[{ name: 'A', expiresAt: 1 }]]);
    off();
    expect(listeners.has('token:refreshed')).toBe(false);
    expect(() => (api.on as (e: string, cb: unknown) => unknown)('ipc-internal', () => undefined)).toThrow(/unknown event/);
    expect(() => (api.on as (e: string, cb: unknown) => unknown)(EVENTS[0], 'not a function')).toThrow(/function/);
  });

  it('in source, hands contextBridge the built bridge and nothing else', () => {
    const preload = source('electron/preload.ts');
    expect([...preload.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('keysmith', buildBridge\(ipcRenderer\)\);/);
  });
});

describe('packaged builds', () => {
  it('flip every fuse design.md lists', () => {
    const yml = source('build/electron-builder.yml');
    const fuses: Record<string, boolean> = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    };
    const block = yml.slice(yml.indexOf('electronFuses:'));
    for (const [fuse, value] of Object.entries(fuses)) expect(block, fuse).toMatch(new RegExp(`\\n\\s+${fuse}: ${value}\\b`));
    expect(yml).toMatch(/\nasar: true\b/);
  });
});

// ---------------------------------------------------------------------------------------------
// electronegativity

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
}

/**
 * Findings accepted, each for a reason that holds for this app (and is checked where it can be):
 * - CSP_GLOBAL_CHECK "no CSP": the scanner reads CSPs only from <meta> tags and webRequest
 *   header rewrites; ours is a response header of the app:// protocol handler (window-policy.ts),
 *   asserted above and run through the scanner's own CSP evaluator. Only the "none detected" form
 *   is accepted; a "weak CSP" finding would still fail.
 * - OPEN_EXTERNAL_JS_CHECK: a manual-review note on any non-literal shell.openExternal; the one call
 *   is guarded by isAllowedExternalUrl on the same line (checked below), whose allowlist is tested above.
 * - PRELOAD_JS_CHECK: a manual-review note that a preload exists; this spec is that review (the
 *   bundle is executed and its exposed object inspected above).
 * AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is not run: it downloads Electron's release list, which
 * this offline machine cannot; the Electron version is pinned in package.json and updated with npm.
 */
const ALLOWED: Record<string, (r: SarifResult, scanRoot: string) => boolean> = {
  CSP_GLOBAL_CHECK: (r) => /No CSP has been detected/.test(r.message.text),
  OPEN_EXTERNAL_JS_CHECK: (r, root) => {
    const loc = r.locations?.[0]?.physicalLocation;
    if (!loc?.region) return false;
    const line = readFileSync(path.join(root, loc.artifactLocation.uri), 'utf8').split('\n')[loc.region.startLine - 1] ?? '';
    return (
      /if \(isAllowedExternalUrl\((\w+)\)\) void shell\.openExternal\(\1\)/.test(line) ||
      // A person's sign-in opens the provider's authorization URL in the system browser (RFC 8252).
      /if \(isAuthorizationUrl\((\w+)\)\) await shell\.openExternal\(\1\)/.test(line)
    );
  },
  PRELOAD_JS_CHECK: (r) => (r.locations?.[0]?.physicalLocation.artifactLocation.uri ?? '').endsWith('electron/app/window-options.ts'),
};

/** Runs the scanner in a child process with its `got` (translations, release list) stubbed out: no network. */
const RUNNER = `
const Module = require('node:module');
const path = require('node:path');
const [root, out, ...inputs] = process.argv.slice(2);
const enegRequire = Module.createRequire(require.resolve('@doyensec/electronegativity/dist/runner.js', { paths: [root] }));
const gotPath = enegRequire.resolve('got');
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: () => Promise.reject(new Error('offline')) };
const runner = enegRequire('./runner.js');
const run = runner.default || runner;
const version = require(require.resolve('electron/package.json', { paths: [root] })).version;
(async () => {
  for (const input of inputs) {
    await run({ input, output: path.join(out, path.basename(input) + '.sarif'), isSarif: true, isRelative: true, customScan: [],
      excludeFromScan: ['availablesecurityfixesglobalcheck'], electronVersionOverride: version, parserPlugins: [] }, false);
  }
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
`;

describe('electronegativity over electron/ and renderer/', () => {
  it('reports nothing beyond the justified allowlist, and does catch a bad window', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'keysmith-eneg-'));
    // One scan over both folders, so global checks (navigation limits, permission handlers) see main's code.
    const app = path.join(work, 'app');
    cpSync(path.join(ROOT, 'electron'), path.join(app, 'electron'), { recursive: true });
    cpSync(path.join(ROOT, 'renderer'), path.join(app, 'renderer'), { recursive: true, filter: (p) => !p.includes('node_modules') });
    // A control: the scanner must flag this, or a silent parse failure would pass everything.
    const control = path.join(work, 'control');
    cpSync(path.join(ROOT, 'renderer', 'index.html'), path.join(control, 'index.html'));
    writeFileSync(path.join(control, 'bad.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
    const runner = path.join(work, 'run.cjs');
    writeFileSync(runner, RUNNER);
    execFileSync(process.execPath, [runner, ROOT, work, app, control], { stdio: 'pipe', timeout: 90_000 });

    const results = (file: string) => (JSON.parse(readFileSync(path.join(work, file), 'utf8')) as { runs: { results: SarifResult[] }[] }).runs.flatMap((r) => r.results);
    const controlIds = results('control.sarif').map((r) => r.ruleId);
    expect(controlIds).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));

    const findings = results('app.sarif');
    const unexpected = findings.filter((r) => !ALLOWED[r.ruleId]?.(r, app));
    const describe = (r: SarifResult) => `${r.ruleId} ${r.locations?.[0]?.physicalLocation.artifactLocation.uri ?? ''}:${r.locations?.[0]?.physicalLocation.region?.startLine ?? ''} ${r.message.text}`;
    expect(unexpected.map(describe)).toEqual([]);
  });
});
