// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrationList, PAGE_SIZE } from '../../renderer/src/IntegrationList';
import { App } from '../../renderer/src/App';
import { createFakeApi, listItem } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

const many = Array.from({ length: 5000 }, (_, i) => listItem(i));

/** The rows of the list (not the options of the kind select). */
const rows = () => within(screen.getByRole('listbox')).queryAllByRole('option');

function renderList(onSelect = vi.fn()) {
  const searchRef = createRef<HTMLInputElement>();
  const utils = render(<IntegrationList items={many} selected={null} onSelect={onSelect} searchRef={searchRef} />);
  return { ...utils, onSelect, searchRef };
}

describe('IntegrationList', () => {
  it('has a labelled search box and a labelled kind filter', () => {
    renderList();
    expect(screen.getByRole('searchbox', { name: 'Search integrations' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Kind' })).toBeTruthy();
  });

  it('renders only a window of rows for 5,000 entries, with the full count', () => {
    renderList();
    expect(screen.getByRole('status').textContent).toBe('5000 integrations');
    expect(rows()).toHaveLength(PAGE_SIZE);
  });

  it('filters 5,000 entries by name as you type', async () => {
    renderList();
    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: 'integration-12' } });
    // names are zero-padded: integration-1200..1299 only
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('100 of 5000 integrations'));
    const names = rows().map((o) => o.querySelector('.row-name')?.textContent);
    expect(names).toHaveLength(100);
    expect(names[0]).toBe('integration-1200');
    expect(names[99]).toBe('integration-1299');
    expect(names.every((n) => n?.includes('integration-12'))).toBe(true);

    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: 'integration-12' + '34' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 of 5000 integrations'));
    expect(rows()).toHaveLength(1);
  });

  it('searches client ids and orgs too, and filters by kind', async () => {
    renderList();
    const search = screen.getByLabelText('Search integrations');
    fireEvent.change(search, { target: { value: 'CLIENT4999ABC' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.textContent).toContain('integration-4999');

    fireEvent.change(search, { target: { value: 'org3@adobeorg' } });
    // ORG3 is i % 10 === 3 (500 of them, all odd); the oauth2 half (i % 4 === 3) has no org: 250 left
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('250 of 5000 integrations'));
    expect(rows().every((o) => o.textContent?.includes('ORG3@AdobeOrg'))).toBe(true);

    fireEvent.change(search, { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'jwt' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1250 of 5000 integrations'));
    expect(rows().every((o) => o.textContent?.includes('Service Account (JWT)'))).toBe(true);
  });

  it('moves the selection with the arrow keys', async () => {
    const { onSelect, rerender, searchRef } = renderList();
    const search = screen.getByLabelText('Search integrations');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith('integration-0000');
    rerender(<IntegrationList items={many} selected="integration-0000" onSelect={onSelect} searchRef={searchRef} />);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith('integration-0001');
    rerender(<IntegrationList items={many} selected="integration-0001" onSelect={onSelect} searchRef={searchRef} />);
    const listbox = screen.getByRole('listbox');
    expect(within(listbox).getByRole('option', { selected: true }).id).toBe(listbox.getAttribute('aria-activedescendant'));
    fireEvent.keyDown(listbox, { key: 'ArrowUp' });
    expect(onSelect).toHaveBeenLastCalledWith('integration-0000');
    fireEvent.keyDown(listbox, { key: 'End' });
    expect(onSelect).toHaveBeenLastCalledWith('integration-4999');
  });

  it('focuses the search box on the menu:search event', async () => {
    const fake = createFakeApi();
    window.keysmith = fake.full;
    render(<App />);
    const search = await screen.findByRole('searchbox', { name: 'Search integrations' });
    expect(document.activeElement).not.toBe(search);
    act(() => fake.emit('menu:search', {}));
    expect(document.activeElement).toBe(search);
  });

  it('focuses the search box on Ctrl+K and Cmd+K', async () => {
    window.keysmith = createFakeApi().full;
    render(<App />);
    const search = await screen.findByRole('searchbox', { name: 'Search integrations' });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(document.activeElement).toBe(search);
    search.blur();
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(document.activeElement).toBe(search);
  });

  it('says so when opened outside the app (no bridge)', () => {
    render(<App />);
    expect(screen.getByText('This page must be opened from the Keysmith app.')).toBeTruthy();
  });
});
