/**
 * A damaged settings file is not ignored in silence: settings:get answers the defaults the app uses
 * and a one-line `warning` saying what was wrong and what stands in, through the real router and
 * settings store over a real data folder. Reading never rewrites the file; a save replaces it and
 * the warning goes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAMAGED_SETTINGS_PREFIX, DEFAULT_SETTINGS, SETTINGS_FILE } from '../../electron/core/settings-file';
import type { ResponseOf } from '../../electron/shared/ipc/contract';
import { callOk, wireApp, type WiredApp } from '../support/ipc-harness';

type Answer = ResponseOf<'settings:get'>;

let app: WiredApp | null = null;
let root: string | null = null;
afterEach(() => {
  app?.dispose();
  app = null;
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
});

/** A data folder holding `content` as its settings file (or nothing), and the app wired over it. */
function withSettings(content?: string | Buffer, prepare?: (file: string, dataDir: string) => void) {
  root = mkdtempSync(path.join(tmpdir(), 'keysmith-settings-warning-'));
  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const file = path.join(dataDir, SETTINGS_FILE);
  if (content !== undefined) writeFileSync(file, content, { mode: 0o600 });
  prepare?.(file, dataDir);
  app = wireApp({ dataDir });
  return { app, file, dataDir };
}

describe('settings:get with a settings file the app cannot fully use', () => {
  it('not JSON: defaults for everything, a warning, and the file left as it was until a save', async () => {
    const damaged = '{"theme": "dark", "autoLockMinutes": 7,\n  oops';
    const { app, file } = withSettings(damaged);
    const answer = await callOk<Answer>(app, 'settings:get');
    expect(answer.warning).toBe(`${SETTINGS_FILE} could not be used (it is not valid JSON): using defaults for every setting; the file is left as it is; the first save keeps it as settings.json.damaged-<time>`);
    const { warning: _w, ...settings } = answer;
    expect(settings).toEqual(DEFAULT_SETTINGS);
    // Reading again, and other reads of the settings, do not touch the file.
    await callOk(app, 'settings:get');
    await callOk(app, 'health:report', {}).catch(() => undefined);
    expect(readFileSync(file, 'utf8')).toBe(damaged);

    const saved = await callOk<Answer>(app, 'settings:set', { theme: 'light' });
    expect(saved).not.toHaveProperty('warning');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ theme: 'light' });
    expect(await callOk<Answer>(app, 'settings:get')).not.toHaveProperty('warning');
    // What the user had is beside the new file, byte for byte, and a second save keeps no other copy.
    const aside = () => readdirSync(path.dirname(file)).filter((n) => n.startsWith(DAMAGED_SETTINGS_PREFIX));
    expect(aside()).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(file), aside()[0]!), 'utf8')).toBe(damaged);
    await callOk(app, 'settings:set', { theme: 'dark' });
    expect(aside()).toHaveLength(1);
  });

  it('some values unusable: each falls back alone, and the warning names them', async () => {
    const { app } = withSettings(JSON.stringify({ theme: 42, autoLockMinutes: 7, clipboardClearSeconds: 'soon', favorites: ['not-an-id'] }));
    const answer = await callOk<Answer>(app, 'settings:get');
    expect(answer).toMatchObject({ autoLockMinutes: 7, theme: DEFAULT_SETTINGS.theme, clipboardClearSeconds: DEFAULT_SETTINGS.clipboardClearSeconds, favorites: [] });
    expect(answer.warning).toBe(
      `${SETTINGS_FILE} has values that could not be used: using defaults for the clipboard clear delay, the theme and the favourites; the file is left as it is; the first save keeps it as settings.json.damaged-<time>`,
    );
  });

  it('one unusable value is said in the singular', async () => {
    const { app } = withSettings(JSON.stringify({ healthCertificateDays: -1 }));
    expect((await callOk<Answer>(app, 'settings:get')).warning).toMatch(/^settings\.json has a value that could not be used: using defaults for the certificate warning;/);
  });

  it.each([
    ['a JSON array', '[1, 2, 3]', /could not be used \(it does not hold a JSON object\)/],
    ['larger than any settings file', `{"theme": "dark", "pad": "${'x'.repeat(70 * 1024)}"}`, /could not be used \(.+\): using defaults for every setting/],
    ['prototype keys only', '{"__proto__": {"theme": "dark"}, "constructor": 1}', null],
  ])('%s', async (_what, content, expected) => {
    const { app } = withSettings(content);
    const answer = await callOk<Answer>(app, 'settings:get');
    if (expected === null) expect(answer).not.toHaveProperty('warning');
    else expect(answer.warning).toMatch(expected);
    expect(answer.theme).toBe(DEFAULT_SETTINGS.theme);
    expect(({} as Record<string, unknown>).theme).toBeUndefined();
  });

  it('a symlink is not followed, and the warning stays one line whatever its target is called', async () => {
    const { app } = withSettings(undefined, (file, dataDir) => {
      const target = path.join(dataDir, 'evil\nname\u001b[31m.json');
      writeFileSync(target, JSON.stringify({ theme: 'dark' }), { mode: 0o600 });
      symlinkSync(target, file);
    });
    const answer = await callOk<Answer>(app, 'settings:get');
    expect(answer.theme).toBe(DEFAULT_SETTINGS.theme);
    expect(answer.warning).toMatch(/could not be used/);
    for (const ch of ['\n', '\r', '\u001b']) expect(answer.warning).not.toContain(ch);
  });

  it('no file, or a good one: no warning', async () => {
    expect(await callOk<Answer>(withSettings().app, 'settings:get')).not.toHaveProperty('warning');
    app!.dispose();
    app = null;
    rmSync(root!, { recursive: true, force: true });
    const answer = await callOk<Answer>(withSettings(JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'dark' })).app, 'settings:get');
    expect(answer).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});
