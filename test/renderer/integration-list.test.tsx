// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntegrationList } from '../../renderer/src/IntegrationList';
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

  it('renders only the rows in view for 5,000 entries, each saying its place in the whole', () => {
    renderList();
    expect(screen.getByRole('status').textContent).toBe('5000 integrations');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(60);
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('5000');
    expect(rows()[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(screen.queryByText(/Show more/)).toBeNull();
  });

  it('scrolling renders the rows further down, without a "show more"', () => {
    renderList();
    const listbox = screen.getByRole('listbox');
    act(() => {
      listbox.scrollTop = 38 * 4000;
      fireEvent.scroll(listbox);
    });
    const names = rows().map((o) => o.querySelector('.row-name')?.textContent);
    expect(names).toContain('integration-4005');
    expect(names).not.toContain('integration-0000');
  });

  it('says "1 integration", and sorts by name or by what needs attention', () => {
    const failing = listItem(7, { name: 'zz-failing', token: { ...listItem(7).token, refreshError: 'IMS said no' } });
    const { rerender } = render(<IntegrationList items={[listItem(1)]} selected={null} onSelect={vi.fn()} searchRef={createRef()} />);
    expect(screen.getByRole('status').textContent).toBe('1 integration');
    rerender(<IntegrationList items={[listItem(1), listItem(2), failing]} selected={null} onSelect={vi.fn()} searchRef={createRef()} />);
    const names = () => rows().map((o) => o.querySelector('.row-name')?.textContent);
    expect(names()[0]).toBe('integration-0001');
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'status' } });
    expect(names()[0]).toBe('zz-failing');
    expect(rows()[0]?.querySelector('.badge')?.textContent).toBe('auth failed');
  });

  it('filters 5,000 entries by name as you type', async () => {
    renderList();
    fireEvent.change(screen.getByLabelText('Search integrations'), { target: { value: 'integration-12' } });
    // names are zero-padded: integration-1200..1299 only
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('100 of 5000 integrations'));
    const names = rows().map((o) => o.querySelector('.row-name')?.textContent);
    expect(names[0]).toBe('integration-1200');
    expect(rows()[0]?.getAttribute('aria-setsize')).toBe('100');
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

  it('opens the command palette on the menu:search event', async () => {
    const fake = createFakeApi();
    window.keysmith = fake.full;
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => fake.emit('menu:search', {}));
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Command' }));
  });

  it('opens the command palette on Ctrl+K and Cmd+K; Escape closes it', async () => {
    window.keysmith = createFakeApi().full;
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const command = screen.getByRole('combobox', { name: 'Command' });
    expect(document.activeElement).toBe(command);
    fireEvent.keyDown(command, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Command' }));
  });

  it('copies the selected row with Enter and Ctrl+C, and from its copy button, in the remembered format', async () => {
    const fake = createFakeApi();
    window.keysmith = fake.full;
    localStorage.clear();
    render(<App />);
    fireEvent.click(await screen.findByText('integration-0000'));
    const listbox = screen.getByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'Enter' });
    await waitFor(() => expect(fake.api.tokens.copy).toHaveBeenCalledWith({ name: 'integration-0000', format: 'raw' }));
    expect(await screen.findByTestId('token-preview')).toBeTruthy();
    fireEvent.keyDown(listbox, { key: 'c', ctrlKey: true });
    await waitFor(() => expect(fake.api.tokens.copy).toHaveBeenCalledTimes(2));
    // the row's own button says it worked
    fireEvent.click(within(screen.getByRole('option', { name: /integration-0001/ })).getByTestId('row-copy'));
    await waitFor(() => expect(fake.api.tokens.copy).toHaveBeenLastCalledWith({ name: 'integration-0001', format: 'raw' }));
    await screen.findByText('Copied ✓');
  });

  it('says so when opened outside the app (no bridge)', () => {
    render(<App />);
    expect(screen.getByText('This page must be opened from the Keysmith app.')).toBeTruthy();
  });
});
