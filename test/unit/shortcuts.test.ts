/**
 * One shortcut table (electron/shared/shortcuts.ts) for the menu, the renderer and the README: the
 * forms each reads, which key press is which shortcut, and the README's list, so none can drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../electron/app/app-menu';
import {
  KEYBOARD_SHORTCUTS,
  SHORTCUT_IDS,
  accelerator,
  ariaKeyShortcuts,
  shortcutList,
  shortcutOf,
  shortcutText,
  shortcutTitle,
} from '../../electron/shared/shortcuts';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('gives each reader its form', () => {
    expect(accelerator('copySelectedToken')).toBe('CmdOrCtrl+Shift+C');
    expect(shortcutText('copySelectedToken')).toBe('Ctrl+Shift+C / ⇧⌘C');
    expect(shortcutTitle('search')).toBe('Go to… (Ctrl+K / ⌘K)');
    expect(ariaKeyShortcuts('lock')).toBe('Control+L Meta+L');
    expect(ariaKeyShortcuts('copySelectedToken')).toBe('Control+Shift+C Meta+Shift+C');
  });

  it('puts exactly the menu shortcuts in the menu', () => {
    expect(SHORTCUTS).toEqual(Object.fromEntries(SHORTCUT_IDS.filter((id) => KEYBOARD_SHORTCUTS[id].inMenu).map((id) => [id, accelerator(id)])));
    expect(SHORTCUTS).not.toHaveProperty('edit');
  });

  it('knows a key press: Ctrl or Cmd, Shift as the table says, never Alt', () => {
    expect(shortcutOf(press('k', { ctrlKey: true }))).toBe('search');
    expect(shortcutOf(press('K', { metaKey: true }))).toBe('search');
    expect(shortcutOf(press('C', { ctrlKey: true, shiftKey: true }))).toBe('copySelectedToken');
    expect(shortcutOf(press('e', { metaKey: true }))).toBe('edit');
    expect(shortcutOf(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(press('K', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutOf(press('k', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutOf(press('k'))).toBeNull();
  });

  it('is listed in the README as the table says', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(shortcutList());
  });
});
