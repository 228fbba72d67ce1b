// @vitest-environment jsdom
/**
 * An import whose file named a key that was not read (outside its folder) shows the next step in the
 * plan as the button an error with that action gets (ErrorActions' labels and handlers): waiting
 * until the import is applied, then opening the new integration's key step.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ImportItem, ImportPreview } from '../../electron/shared/ipc/contract';
import { App } from '../../renderer/src/App';
import { ACTION_LABELS, ErrorActionProvider } from '../../renderer/src/errors/ErrorActions';
import { ImportView } from '../../renderer/src/import/ImportView';
import { createFakeApi, listItem } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

const PREVIEW_ID = '0b7c2f0e-3c1d-4d9a-9a55-1f2e3d4c5b6a';
const WARNING = '.env names the key file /home/me/.ssh/id_rsa, which was not read: it is outside the folder of the file being imported';
const item = (over: Partial<ImportItem> = {}): ImportItem => ({
  action: 'add',
  targetName: 'credentials',
  kind: 'jwt',
  clientId: 'jwt1234',
  source: 'credentials.env',
  key: null,
  keyAction: 'generate_key',
  ...over,
});
const plan = (items: ImportItem[]): ImportPreview => ({ cancelled: false, previewId: PREVIEW_ID, file: 'credentials.env', format: 'env', items, warnings: [WARNING] });

function interopOf(preview: ImportPreview, applied: ImportItem[]) {
  return {
    importPreview: vi.fn<KeysmithApi['interop']['importPreview']>(() => Promise.resolve({ ok: true, value: preview })),
    importApply: vi.fn<KeysmithApi['interop']['importApply']>(() => Promise.resolve({ ok: true, value: { items: applied } })),
  };
}

const generateKey = () => screen.getByRole('button', { name: ACTION_LABELS.generate_key }) as HTMLButtonElement;

describe('the import plan with a key that was not read', () => {
  it('shows Generate key… waiting for the import, then opens the key step of the integration it made', async () => {
    const interop = interopOf(plan([item()]), [item({ targetName: 'CM JWT' })]);
    const api = { interop, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
    const handler = vi.fn();
    const onImported = vi.fn();
    const onApplied = vi.fn();
    render(
      <ErrorActionProvider handlers={{ generate_key: handler }}>
        <ImportView api={api} onImported={onImported} onApplied={onApplied} onCancel={() => {}} />
      </ErrorActionProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    const table = await screen.findByRole('table');
    const keyCell = within(table).getAllByRole('row')[1]!.children[4]!;
    expect(keyCell.textContent).toBe(`not read ${ACTION_LABELS.generate_key} after importing`);
    // The integration does not exist yet: the button is there, and waits.
    expect(generateKey().disabled).toBe(true);
    expect(screen.getByRole('note', { name: 'Warnings' }).textContent).toContain(WARNING);

    fireEvent.change(screen.getByRole('textbox', { name: 'Name for credentials.env' }), { target: { value: 'CM JWT' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import 1' }));
    expect((await screen.findByRole('status')).textContent).toBe('Imported 1. One needs a key: the file named a key that was not read.');
    expect(interop.importApply).toHaveBeenCalledWith({ previewId: PREVIEW_ID, names: { 0: 'CM JWT' } });
    expect(onApplied).toHaveBeenCalledTimes(1);
    expect(onImported).not.toHaveBeenCalled();
    // What the import did: names are final now.
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(within(screen.getByRole('table')).getByText('Added')).toBeTruthy();

    expect(generateKey().disabled).toBe(false);
    fireEvent.click(generateKey());
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ integration: 'CM JWT', action: 'generate_key' }));

    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onImported).toHaveBeenCalledWith(['CM JWT']);
  });

  it('a plan whose keys were all read offers no key step and goes straight to what it imported', async () => {
    const read = item({ keyAction: undefined, key: { fingerprint: '7B:7A:18:56:AB:CD', isNew: true } });
    const interop = interopOf(plan([read]), [read]);
    const api = { interop, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
    const onImported = vi.fn();
    render(<ImportView api={api} onImported={onImported} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: ACTION_LABELS.generate_key })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import 1' }));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(['credentials']));
  });

  it('in the window: the list reloads after the import, and Generate key… opens that integration', async () => {
    const items = [listItem(0), listItem(1)];
    const target = items[1]!.name;
    const fake = createFakeApi({ items });
    const interop = interopOf(plan([item({ targetName: target })]), [item({ targetName: target })]);
    window.keysmith = { ...fake.full, interop } as unknown as KeysmithApi;
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    fireEvent.click(screen.getByRole('button', { name: /Import…/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    const lists = fake.api.integrations.list.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Import 1' }));
    await screen.findByText(/Imported 1\./);
    await waitFor(() => expect(fake.api.integrations.list.mock.calls.length).toBeGreaterThan(lists));

    fireEvent.click(generateKey());
    await waitFor(() => expect(fake.api.integrations.get).toHaveBeenCalledWith({ name: target }));
    expect(await screen.findByRole('heading', { name: target })).toBeTruthy();
    expect(screen.queryByText(/Imported 1\./)).toBeNull();
  });
});
