// @vitest-environment jsdom
/**
 * axe-core over the keypair panel, settings, import, export and welcome views in their busiest states.
 * jsdom has no layout, so colour contrast is left to the browser suite; names, roles, labels and
 * ARIA use are checked here, where a regression is cheapest to find.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import { DEFAULT_SETTINGS } from '../../electron/app/settings';
import type { ImportPreview } from '../../electron/shared/ipc/contract';
import { ExportPanel } from '../../renderer/src/export/ExportPanel';
import { ImportView } from '../../renderer/src/import/ImportView';
import { KeypairPanel } from '../../renderer/src/keys/KeypairPanel';
import { SettingsView } from '../../renderer/src/settings/SettingsView';
import { Welcome } from '../../renderer/src/Welcome';
import { createFakeKeys, fingerprint, keyPair } from './fake-keys';

afterEach(cleanup);

const show = (node: ReactNode) => render(<main>{node}</main>);

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('accessibility', () => {
  it('keypair panel with keys, marks, a confirm, the wizard and a new key', async () => {
    const fake = createFakeKeys([keyPair(fingerprint('E1'), { active: true }), keyPair(fingerprint('22'), { daysLeft: 3 })]);
    show(<KeypairPanel api={{ keypairs: fake.keypairs, on: vi.fn() } as unknown as KeysmithApi} name="AEM prod" onChanged={() => {}} />);
    await screen.findByTestId('key-E1ABABAB');
    fireEvent.click(screen.getByRole('button', { name: 'Rotate: generate a new key…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByTestId('new-key-fingerprint');
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[0]!);
    expect(await violations()).toEqual([]);
  });

  it('settings with a validation message', async () => {
    const settings = { get: vi.fn(() => Promise.resolve({ ok: true, value: DEFAULT_SETTINGS })) };
    show(<SettingsView api={{ settings, on: vi.fn() } as unknown as KeysmithApi} onClose={() => {}} />);
    fireEvent.change(await screen.findByLabelText('Refresh margin (minutes)'), { target: { value: 'soon' } });
    expect(await violations()).toEqual([]);
  });

  it('import, before and after choosing a file', async () => {
    const preview: ImportPreview = {
      cancelled: false,
      previewId: '0b7c2f0e-3c1d-4d9a-9a55-1f2e3d4c5b6a',
      file: 'config.json',
      format: 'aio',
      items: [{ action: 'add', targetName: 'aio default', kind: 'jwt', clientId: 'c1', source: 'context "default"', key: null }],
      warnings: ['context "old" has no client id: skipped'],
    };
    const interop = { importPreview: vi.fn(() => Promise.resolve({ ok: true, value: preview })) };
    show(<ImportView api={{ interop, on: vi.fn() } as unknown as KeysmithApi} onImported={() => {}} onCancel={() => {}} />);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    expect(await violations()).toEqual([]);
  });

  it('export panel with a context message, then with the warnings of a save', async () => {
    const exportFn = vi.fn(() => Promise.resolve({ ok: true, value: { saved: true, path: '/tmp/a.json', warnings: ['aio picks its IMS from the env', 'left out'] } }));
    show(<ExportPanel api={{ interop: { export: exportFn }, on: vi.fn() } as unknown as KeysmithApi} name="Analytics" kind="oauthS2S" onClose={() => {}} />);
    fireEvent.change(screen.getByLabelText('aio context name'), { target: { value: 'Bad Name' } });
    expect(await violations()).toEqual([]);
    fireEvent.change(screen.getByLabelText('aio context name'), { target: { value: 'good' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    await screen.findByText('aio picks its IMS from the env');
    expect(await violations()).toEqual([]);
  });

  it('welcome', async () => {
    show(<Welcome onNew={() => {}} onImport={() => {}} />);
    expect(await violations()).toEqual([]);
  });
});
