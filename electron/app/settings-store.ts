/**
 * Settings in `settings.json` beside the vault: read once, written atomically (0600, like every file
 * in the data folder), one write at a time. A missing or damaged file means defaults, never an error:
 * preferences must not stand between the user and their vault.
 */
import { EventEmitter } from 'node:events';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { replaceFileAtomically } from '../core/atomic-file';
import { SettingsPatchSchema, applySettingsPatch, readSettings, type Settings, type SettingsPatch } from '../core/settings';
import type { SettingsAccess } from '../ipc/services';

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore extends EventEmitter<{ changed: [Settings] }> implements SettingsAccess {
  private loaded: Promise<Settings> | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    super();
  }

  get file(): string {
    return path.join(this.dataDir, SETTINGS_FILE);
  }

  get(): Promise<Settings> {
    this.loaded ??= readFile(this.file, 'utf8').then(
      (text) => {
        try {
          return readSettings(JSON.parse(text));
        } catch {
          return readSettings({});
        }
      },
      () => readSettings({}),
    );
    return this.loaded;
  }

  /** The patch is parsed here too: the tray and menus call this without going through IPC. */
  set(patch: SettingsPatch): Promise<Settings> {
    const run = this.writes.then(async () => {
      const next = applySettingsPatch(await this.get(), SettingsPatchSchema.parse(patch));
      await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
      await chmod(this.dataDir, 0o700).catch(() => undefined);
      await replaceFileAtomically(this.file, Buffer.from(`${JSON.stringify(next, null, 2)}\n`));
      this.loaded = Promise.resolve(next);
      this.emit('changed', next);
      return next;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }
}
