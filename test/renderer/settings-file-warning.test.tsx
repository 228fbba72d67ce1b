// @vitest-environment jsdom
/**
 * The Settings view shows settings:get's warning about a settings file main could not fully use
 * (what was wrong, which defaults stand in), keeps it while the user edits, sends only what the user
 * changed (never the warning), and drops it once a save has replaced the file.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ResponseOf } from '../../electron/shared/ipc/contract';
import { DEFAULT_SETTINGS, SettingsPatchSchema, applySettingsPatch, type Settings } from '../../electron/app/settings';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { SettingsView } from '../../renderer/src/settings/SettingsView';

afterEach(cleanup);

const WARNING = 'settings.json has values that could not be used: using defaults for the clipboard clear delay and the theme; the file is left as it is; the first save keeps it as settings.json.damaged-<time>';

/** main's settings domain: the warning stands until a save, as in settings-store. */
function mount(initial: Partial<Settings>, warning?: string) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  let problem = warning;
  const settings = {
    get: vi.fn<KeysmithApi['settings']['get']>(() => Promise.resolve({ ok: true, value: problem === undefined ? current : { ...current, warning: problem } })),
    set: vi.fn<KeysmithApi['settings']['set']>((patch): Promise<IpcResult<ResponseOf<'settings:set'>>> => {
      current = applySettingsPatch(current, SettingsPatchSchema.parse(patch));
      problem = undefined;
      return Promise.resolve({ ok: true, value: current });
    }),
  };
  const api = { settings, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  render(<SettingsView api={api} onClose={() => {}} />);
  return { settings };
}

const note = () => screen.queryByRole('note', { name: 'Settings file' });

describe('SettingsView with a settings file main could not fully use', () => {
  it('says what was wrong and what the app did, until the user saves', async () => {
    const { settings } = mount({ autoLockMinutes: 20 }, WARNING);
    const input = (await screen.findByLabelText('Lock the vault after idle (minutes)')) as HTMLInputElement;
    expect(note()!.textContent).toBe(WARNING);
    // The form shows what the app uses: the values that could be read, defaults for the others.
    expect(input.value).toBe('20');

    fireEvent.change(input, { target: { value: '25' } });
    expect(note()).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    // Only what was changed goes to main: the warning is not a setting.
    expect(settings.set).toHaveBeenCalledWith({ autoLockMinutes: 25 });
    expect(note()).toBeNull();
  });

  it('shows nothing when the file was fine', async () => {
    mount({});
    await screen.findByLabelText('Lock the vault after idle (minutes)');
    expect(note()).toBeNull();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true));
  });

  it('does not count the warning as an unsaved change', async () => {
    mount({}, WARNING);
    await screen.findByLabelText('Lock the vault after idle (minutes)');
    // Nothing edited: nothing to save, even though main answered a field the form does not have.
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
