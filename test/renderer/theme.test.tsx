// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import { DEFAULT_SETTINGS, type Settings, type Theme } from '../../electron/app/settings';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { useTheme } from '../../renderer/src/settings/useTheme';
import { createFakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.theme;
});

function Themed({ api }: { api: KeysmithApi }) {
  useTheme(api);
  return null;
}

function setup(theme: Theme, get?: () => Promise<IpcResult<Settings>>) {
  const fake = createFakeApi();
  const settings = { get: vi.fn(get ?? (() => Promise.resolve({ ok: true as const, value: { ...DEFAULT_SETTINGS, theme } }))) };
  const api = { ...fake.api, settings } as unknown as KeysmithApi;
  const view = render(<Themed api={api} />);
  return { ...fake, settings, view };
}

const attr = () => document.documentElement.getAttribute('data-theme');

describe('useTheme', () => {
  it('sets the saved theme on the root element', async () => {
    setup('dark');
    await waitFor(() => expect(attr()).toBe('dark'));
  });

  it('follows settings:changed, and removes the attribute for the system theme', async () => {
    const { emit } = setup('light');
    await waitFor(() => expect(attr()).toBe('light'));
    act(() => emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }));
    expect(attr()).toBe('dark');
    act(() => emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'system' }));
    expect(attr()).toBeNull();
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });

  it('does not let a slow first read overwrite a newer event', async () => {
    let answer!: (r: IpcResult<Settings>) => void;
    const { emit, settings } = setup('light', () => new Promise((r) => (answer = r)));
    act(() => emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' }));
    await act(async () => answer({ ok: true, value: { ...DEFAULT_SETTINGS, theme: 'light' } }));
    expect(settings.get).toHaveBeenCalledTimes(1);
    expect(attr()).toBe('dark');
  });

  it('stops listening when unmounted', async () => {
    const { emit, view } = setup('dark');
    await waitFor(() => expect(attr()).toBe('dark'));
    view.unmount();
    emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'light' });
    expect(attr()).toBe('dark');
  });
});

/** The body of the first rule block after `selector` in a stylesheet's text. */
function ruleText(css: string, selector: string): string {
  const open = css.indexOf('{', css.indexOf(selector));
  return css.slice(open + 1, css.indexOf('}', open));
}

// jsdom gives import.meta.url an http scheme, so the path is built from this file's directory.
const RENDERER = path.resolve(__dirname, '../../renderer/src');

describe('theme.css', () => {
  const styles = readFileSync(path.join(RENDERER, 'styles.css'), 'utf8');
  const theme = readFileSync(path.join(RENDERER, 'settings', 'theme.css'), 'utf8');

  it('defines every colour once, for both schemes, so a pinned theme has nothing to repeat', () => {
    const root = ruleText(styles, ':root');
    const colours = [...root.matchAll(/(--[a-z-]+):\s*([^;]+);/g)];
    expect(colours.length).toBeGreaterThan(5);
    for (const [, name, value] of colours) expect(value, name).toMatch(/^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
    expect(root).toMatch(/color-scheme:\s*light dark;/);
    expect(styles).not.toContain('@media (prefers-color-scheme');
    expect(theme).not.toMatch(/--[a-z]/);
  });

  it('pins color-scheme so form controls and scrollbars match the chosen theme', () => {
    expect(ruleText(theme, ":root[data-theme='light']")).toMatch(/color-scheme:\s*light;/);
    expect(ruleText(theme, ":root[data-theme='dark']")).toMatch(/color-scheme:\s*dark;/);
  });
});
