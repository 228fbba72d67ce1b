// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ImportItem, ImportPreview } from '../../electron/shared/ipc/contract';
import { ImportView } from '../../renderer/src/import/ImportView';

afterEach(cleanup);

const PREVIEW_ID = '0b7c2f0e-3c1d-4d9a-9a55-1f2e3d4c5b6a';
const ITEMS: ImportItem[] = [
  { action: 'add', targetName: 'Cloud Manager', kind: 'oauthS2S', clientId: 'cm1234', source: 'project.json credential "CM"', key: null },
  {
    action: 'update',
    targetName: 'AEM prod',
    kind: 'jwt',
    clientId: 'aem5678',
    source: 'project.json credential "AEM"',
    key: { fingerprint: '7B:7A:18:56:AB:CD', isNew: true },
  },
];
const PLAN: ImportPreview = {
  cancelled: false,
  previewId: PREVIEW_ID,
  file: 'project.json',
  format: 'console',
  items: ITEMS,
  warnings: ['credential "Old" is an API key without a client id: skipped'],
};

function mount(preview: ImportPreview = PLAN) {
  const interop = {
    importPreview: vi.fn<KeysmithApi['interop']['importPreview']>(() => Promise.resolve({ ok: true, value: preview })),
    importApply: vi.fn<KeysmithApi['interop']['importApply']>(() => Promise.resolve({ ok: true, value: { items: ITEMS } })),
  };
  const onImported = vi.fn();
  const onCancel = vi.fn();
  const api = { interop, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  render(<ImportView api={api} onImported={onImported} onCancel={onCancel} />);
  return { interop, onImported, onCancel };
}

describe('ImportView', () => {
  it('explains which files can be imported before the dialog opens', () => {
    const { interop } = mount();
    const text = screen.getByRole('region', { name: 'Import credentials' }).textContent!;
    for (const kind of ['Developer Console project JSON', 'AEM as a Cloud Service service credentials', 'aio CLI config', '.env file']) {
      expect(text).toContain(kind);
    }
    expect(interop.importPreview).not.toHaveBeenCalled();
  });

  it('shows the plan as a table with the warnings, then applies it and reports the names', async () => {
    const { interop, onImported } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByText('project.json').closest('caption')!.textContent).toBe('project.json: Developer Console project JSON');
    const rows = within(table).getAllByRole('row').slice(1);
    // An added credential's name is an input (editable); an updated one's is text.
    const cellText = (c: Element) => c.querySelector('input')?.value ?? c.textContent;
    expect(rows.map((r) => [...r.children].map(cellText))).toEqual([
      ['Add', 'Cloud Manager', 'OAuth Server-to-Server', 'cm1234', 'none', 'project.json credential "CM"'],
      ['Update', 'AEM prod', 'Service Account (JWT)', 'aem5678', '7B7A1856… (new)', 'project.json credential "AEM"'],
    ]);
    expect(within(table).getByText('7B7A1856…').getAttribute('title')).toBe('7B:7A:18:56:AB:CD');
    expect(screen.getByRole('note', { name: 'Warnings' }).textContent).toContain('credential "Old" is an API key without a client id: skipped');
    expect(interop.importApply).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(['Cloud Manager', 'AEM prod']));
    expect(interop.importApply).toHaveBeenCalledWith({ previewId: PREVIEW_ID });
  });

  it('changes nothing when the dialog is cancelled, keeping a plan already shown', async () => {
    const { interop, onImported } = mount();
    interop.importPreview.mockResolvedValueOnce({ ok: true, value: { cancelled: true } });
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await waitFor(() => expect(interop.importPreview).toHaveBeenCalledTimes(1));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Choose file…' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    interop.importPreview.mockResolvedValueOnce({ ok: true, value: { cancelled: true } });
    fireEvent.click(screen.getByRole('button', { name: 'Choose another file…' }));
    await waitFor(() => expect(interop.importPreview).toHaveBeenCalledTimes(3));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Import 2' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByRole('table')).toBeTruthy();
    expect(interop.importApply).not.toHaveBeenCalled();
    expect(onImported).not.toHaveBeenCalled();
  });

  it('shows why a file cannot be imported, and a failed apply asks for the file again', async () => {
    const { interop, onImported, onCancel } = mount();
    interop.importPreview.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: '"notes.txt" is not a file Keysmith can import', field: 'file' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"notes.txt" is not a file Keysmith can import');

    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    expect(screen.queryByRole('alert')).toBeNull();
    interop.importApply.mockResolvedValueOnce({
      ok: false,
      error: { code: 'not_found', message: 'That import preview has expired or was already applied: choose the file again' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    expect((await screen.findByRole('alert')).textContent).toContain('choose the file again');
    expect(screen.queryByRole('table')).toBeNull();
    expect(onImported).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('applies the names typed in the plan for added credentials, and only those changed', async () => {
    const { interop, onImported } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    // The updated credential keeps its vault name: no input for it.
    expect(screen.queryByRole('textbox', { name: 'Name for project.json credential "AEM"' })).toBeNull();
    const name = screen.getByRole('textbox', { name: 'Name for project.json credential "CM"' }) as HTMLInputElement;
    expect(name.value).toBe('Cloud Manager');

    fireEvent.change(name, { target: { value: '   ' } });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('name must not be empty');
    expect((screen.getByRole('button', { name: 'Import 2' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(name, { target: { value: 'aem PROD ' } });
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('another credential in this import has this name');
    expect((screen.getByRole('button', { name: 'Import 2' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(name, { target: { value: ' CM stage ' } });
    expect(name.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(interop.importApply).toHaveBeenCalledWith({ previewId: PREVIEW_ID, names: { 0: 'CM stage' } });
  });

  it('keeps the plan and the typed names when main refuses a name, so it can be fixed there', async () => {
    const { interop } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    const name = screen.getByRole('textbox', { name: 'Name for project.json credential "CM"' }) as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'Analytics' } });
    interop.importApply.mockResolvedValueOnce({
      ok: false,
      error: { code: 'already_exists', message: 'An integration named "Analytics" already exists, or is added twice by this import; nothing was written', field: 'name' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    expect((await screen.findByRole('alert')).textContent).toContain('"Analytics" already exists');
    expect(screen.getByRole('table')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Name for project.json credential "CM"' }) as HTMLInputElement).value).toBe('Analytics');
  });

  it('applies without names when none was changed', async () => {
    const { interop } = mount();
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    const name = (await screen.findByRole('textbox', { name: 'Name for project.json credential "CM"' })) as HTMLInputElement;
    fireEvent.change(name, { target: { value: 'Cloud Manager ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import 2' }));
    await waitFor(() => expect(interop.importApply).toHaveBeenCalledWith({ previewId: PREVIEW_ID }));
  });
});
