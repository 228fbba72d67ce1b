// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { Settings } from '../../electron/app/settings';
import { DEFAULT_SETTINGS, SettingsPatchSchema, applySettingsPatch } from '../../electron/app/settings';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { SettingsView } from '../../renderer/src/settings/SettingsView';

afterEach(cleanup);

/** A settings domain that applies patches with main's own schema and merge, like settings-store does. */
function mount(initial: Partial<Settings> = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const settings = {
    get: vi.fn<KeysmithApi['settings']['get']>(() => Promise.resolve({ ok: true, value: current })),
    set: vi.fn<KeysmithApi['settings']['set']>((patch): Promise<IpcResult<Settings>> => {
      const parsed = SettingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: issue.message, field: issue.path.join('.') } });
      }
      current = applySettingsPatch(current, parsed.data);
      return Promise.resolve({ ok: true, value: current });
    }),
  };
  const onClose = vi.fn();
  const api = { settings, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  render(<SettingsView api={api} onClose={onClose} />);
  return { settings, onClose, current: () => current };
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const save = () => screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;

/** The text of the message the field points at with aria-describedby (not its hint). */
function messageOf(input: HTMLElement): string | null {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  const error = ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('form-error'));
  return error?.textContent ?? null;
}

describe('SettingsView', () => {
  it('shows the saved settings', async () => {
    mount({ clipboardClearSeconds: null, autoLockMinutes: 20, theme: 'dark' });
    const clipboard = (await screen.findByLabelText('Clear a copied token or secret after (seconds)')) as HTMLInputElement;
    expect(clipboard.disabled).toBe(true);
    expect(field('Never clear').checked).toBe(true);
    expect(field('Lock the vault after idle (minutes)').value).toBe('20');
    expect(field('Never lock on idle').checked).toBe(false);
    expect(field('Refresh margin (minutes)').value).toBe('10');
    expect(field('Default IMS endpoint').value).toBe('https://ims-na1.adobelogin.com');
    expect(field('Dark').checked).toBe(true);
    expect(save().disabled).toBe(true);
  });

  it('validates as you type with the shared schema, next to the field', async () => {
    const { settings } = mount();
    const clipboard = (await screen.findByLabelText('Clear a copied token or secret after (seconds)')) as HTMLInputElement;

    fireEvent.change(clipboard, { target: { value: '2' } });
    expect(clipboard.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(clipboard)).toBe('Clipboard clear delay must be between 5 and 3600 seconds, or never');
    fireEvent.change(clipboard, { target: { value: '7.5' } });
    expect(messageOf(clipboard)).toBe('Clipboard clear delay must be whole seconds');
    fireEvent.change(clipboard, { target: { value: 'soon' } });
    expect(messageOf(clipboard)).toBe('Clipboard clear delay must be a number of seconds');
    expect(save().disabled).toBe(true);

    const lock = field('Lock the vault after idle (minutes)');
    fireEvent.change(lock, { target: { value: '1441' } });
    expect(messageOf(lock)).toBe('Auto-lock delay must be between 1 and 1440 minutes, or never');

    const ims = field('Default IMS endpoint');
    fireEvent.change(ims, { target: { value: 'http://ims.example.com' } });
    expect(messageOf(ims)).toMatch(/^IMS endpoint "http:\/\/ims.example.com" must use https/);

    fireEvent.change(clipboard, { target: { value: '45' } });
    expect(clipboard.getAttribute('aria-invalid')).toBeNull();
    expect(messageOf(clipboard)).toBeNull();
    fireEvent.submit(save().closest('form')!);
    expect(settings.set).not.toHaveBeenCalled();
  });

  it('sends only the fields that changed, normalised (https:// added to a bare IMS host)', async () => {
    const { settings, current } = mount();
    fireEvent.change(await screen.findByLabelText('Refresh margin (minutes)'), { target: { value: '5' } });
    fireEvent.change(field('Default IMS endpoint'), { target: { value: 'ims-na1-stg1.adobelogin.com' } });
    fireEvent.click(field('Light'));
    fireEvent.click(save());
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Settings saved.');
    expect(settings.set).toHaveBeenCalledTimes(1);
    expect(settings.set).toHaveBeenCalledWith({ refreshMarginMinutes: 5, defaultImsEndpoint: 'https://ims-na1-stg1.adobelogin.com', theme: 'light' });
    expect(current()).toMatchObject({ clipboardClearSeconds: 30, autoLockMinutes: 15, theme: 'light' });
    expect(field('Default IMS endpoint').value).toBe('https://ims-na1-stg1.adobelogin.com');
    expect(save().disabled).toBe(true);
  });

  it('does not count a value typed back to what is saved as a change', async () => {
    mount();
    const margin = (await screen.findByLabelText('Refresh margin (minutes)')) as HTMLInputElement;
    fireEvent.change(margin, { target: { value: '11' } });
    expect(save().disabled).toBe(false);
    fireEvent.change(margin, { target: { value: '10' } });
    expect(save().disabled).toBe(true);
  });

  it('sends null for "never", even while the number beside it is invalid', async () => {
    const { settings } = mount();
    const clipboard = (await screen.findByLabelText('Clear a copied token or secret after (seconds)')) as HTMLInputElement;
    fireEvent.change(clipboard, { target: { value: '1' } });
    fireEvent.click(field('Never clear'));
    expect(clipboard.disabled).toBe(true);
    expect(messageOf(clipboard)).toBeNull();
    fireEvent.click(field('Never lock on idle'));
    fireEvent.click(save());
    await screen.findByText('Settings saved.');
    expect(settings.set).toHaveBeenCalledWith({ clipboardClearSeconds: null, autoLockMinutes: null });
  });

  it('puts a refusal from main next to the field it names', async () => {
    const { settings } = mount();
    settings.set.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: 'refresh margin must be between 0 and 1440 minutes', field: 'refreshMarginMinutes' },
    });
    const margin = (await screen.findByLabelText('Refresh margin (minutes)')) as HTMLInputElement;
    fireEvent.change(margin, { target: { value: '20' } });
    fireEvent.click(save());
    await waitFor(() => expect(margin.getAttribute('aria-invalid')).toBe('true'));
    expect(messageOf(margin)).toBe('refresh margin must be between 0 and 1440 minutes');
    expect(screen.queryByRole('alert')).toBeNull();
    // Editing the field clears main's message about it.
    fireEvent.change(margin, { target: { value: '21' } });
    expect(messageOf(margin)).toBeNull();
  });

  it('shows a refusal without a field as an alert, and closes with the button and Escape', async () => {
    const { settings, onClose } = mount();
    settings.set.mockResolvedValueOnce({ ok: false, error: { code: 'io', message: 'Could not write the settings file' } });
    fireEvent.change(await screen.findByLabelText('Refresh margin (minutes)'), { target: { value: '20' } });
    fireEvent.click(save());
    expect((await screen.findByRole('alert')).textContent).toBe('Could not write the settings file');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.keyDown(field('Refresh margin (minutes)'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('edits the health thresholds: 90 and 30 days by default, checked as typed, only what changed is sent', async () => {
    const { settings, current } = mount();
    const secretAge = (await screen.findByLabelText('Rotate client secrets older than (days)')) as HTMLInputElement;
    const certificate = field('Warn before a certificate expires (days)');
    expect(secretAge.value).toBe('90');
    expect(certificate.value).toBe('30');

    for (const bad of ['0', '36501', '1.5', '9e1', 'ninety', '']) {
      fireEvent.change(secretAge, { target: { value: bad } });
      expect(messageOf(secretAge), bad).toMatch(/^The secret age limit must be/);
      expect(save().disabled).toBe(true);
    }
    fireEvent.change(secretAge, { target: { value: ' 120 ' } });
    expect(messageOf(secretAge)).toBeNull();
    fireEvent.click(save());
    await waitFor(() => expect(settings.set).toHaveBeenCalledWith({ healthSecretMaxAgeDays: 120 }));
    expect(current()).toMatchObject({ healthSecretMaxAgeDays: 120, healthCertificateDays: 30 });
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  });
});
