// @vitest-environment jsdom
import { cleanup, createEvent, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_DROPPED_FILE_BYTES } from '../../electron/shared/import-limits';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { ImportPreview } from '../../electron/shared/ipc/contract';
import { App } from '../../renderer/src/App';
import { createFormsFake } from './fake-forms';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

const PREVIEW: Extract<ImportPreview, { cancelled: false }> = {
  cancelled: false,
  previewId: '0b7c2f0e-3c1d-4d9a-9a55-1f2e3d4c5b6a',
  file: 'project.json',
  format: 'console',
  items: [{ action: 'add', targetName: 'Reports', kind: 'oauthS2S', clientId: 'rep1', source: 'project.json credential "R"', key: null }],
  warnings: [],
};

async function mountApp() {
  const fake = createFormsFake();
  const interop = {
    importPreview: vi.fn<KeysmithApi['interop']['importPreview']>(() => Promise.resolve({ ok: true, value: PREVIEW })),
    importApply: vi.fn<KeysmithApi['interop']['importApply']>(() => Promise.resolve({ ok: true, value: { items: PREVIEW.items } })),
    export: vi.fn(),
  };
  window.keysmith = { ...fake.full, interop } as unknown as KeysmithApi;
  render(<App />);
  await screen.findByText('integration-0000');
  return interop;
}

/** A drag of OS files, as the browser gives it: `types` says "Files" before the files can be read. */
function drag(type: 'dragEnter' | 'dragOver' | 'dragLeave' | 'drop', target: Element, files: File[]) {
  const event = createEvent[type](target);
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
  fireEvent(target, event);
  return event;
}

describe('dropping a file on the window', () => {
  it('opens the import with the plan of the dropped file, read as text in the renderer', async () => {
    const interop = await mountApp();
    const content = '{"project":{"name":"reports"}}';
    const file = new File([content], 'project.json', { type: 'application/json' });
    const row = screen.getByText('integration-0000');

    drag('dragEnter', row, [file]);
    expect(document.querySelector('.drop-overlay')?.textContent).toBe('Drop a credentials file to import it');
    const over = drag('dragOver', row, [file]);
    expect(over.defaultPrevented).toBe(true); // else the browser would open the file in the window
    const drop = drag('drop', row, [file]);
    expect(drop.defaultPrevented).toBe(true);
    expect(document.querySelector('.drop-overlay')).toBeNull();

    await waitFor(() => expect(interop.importPreview).toHaveBeenCalledWith({ dropped: { fileName: 'project.json', content } }));
    expect(await screen.findByRole('textbox', { name: 'Name for project.json credential "R"' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Import credentials' })).toBeTruthy();
  });

  it('hides the overlay when the drag leaves the window, and ignores drags of text', async () => {
    const interop = await mountApp();
    const row = screen.getByText('integration-0000');
    const file = new File(['x'], 'a.env');
    drag('dragEnter', row, [file]);
    drag('dragEnter', row.parentElement!, [file]);
    drag('dragLeave', row, [file]);
    expect(document.querySelector('.drop-overlay')).toBeTruthy(); // still over the window
    drag('dragLeave', row.parentElement!, [file]);
    expect(document.querySelector('.drop-overlay')).toBeNull();

    const text = createEvent.dragOver(row);
    Object.defineProperty(text, 'dataTransfer', { value: { types: ['text/plain'], files: [] } });
    fireEvent(row, text);
    expect(text.defaultPrevented).toBe(false);
    expect(interop.importPreview).not.toHaveBeenCalled();
  });

  it('refuses several files or a large one before reading it, and says why in the import view', async () => {
    const interop = await mountApp();
    const row = screen.getByText('integration-0000');
    drag('drop', row, [new File(['a'], 'a.json'), new File(['b'], 'b.json')]);
    expect((await screen.findByRole('alert')).textContent).toBe('Drop one credentials file at a time (2 were dropped)');

    const big = new File(['x'.repeat(MAX_DROPPED_FILE_BYTES + 1)], 'disk.img');
    drag('drop', screen.getByRole('heading', { name: 'Import credentials' }), [big]);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^"disk\.img" is 513 KiB; a credentials file is a few KB/));
    expect(interop.importPreview).not.toHaveBeenCalled();

    // The refusal goes once a file is chosen instead.
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByRole('table');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
