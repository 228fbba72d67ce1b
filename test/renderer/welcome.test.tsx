// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Welcome } from '../../renderer/src/Welcome';

afterEach(cleanup);

describe('Welcome', () => {
  it('explains integrations and the Developer Console steps, and offers import and new', () => {
    const onNew = vi.fn();
    const onImport = vi.fn();
    render(<Welcome onNew={onNew} onImport={onImport} />);
    const page = screen.getByRole('region', { name: 'Welcome to Keysmith' });
    expect(page.textContent).toContain('An integration is one credential');
    expect(page.textContent).toContain('any OAuth 2.0 server');
    const steps = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toHaveLength(3);
    expect(steps[1]).toContain('Add API');
    expect(steps[2]).toContain('Download');

    fireEvent.click(screen.getByRole('button', { name: 'Import a file…' }));
    expect(onImport).toHaveBeenCalledTimes(1);
    expect(onNew).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'New integration' }));
    expect(onNew).toHaveBeenCalledTimes(1);
  });
});
