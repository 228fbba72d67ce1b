// @vitest-environment jsdom
/** A click on the desktop notice about what needs attention (main pushes notice:showHealth) shows Health. */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { createFakeApi, listItem } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

describe('notice:showHealth', () => {
  it('opens the Health view from wherever the window was', async () => {
    const items = [listItem(0), listItem(1)];
    const fake = createFakeApi({ items });
    window.keysmith = fake.full;
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    // Nothing due at start, so the app opened on the list, not on Health.
    expect(screen.getByRole('button', { name: 'Health' }).getAttribute('aria-pressed')).toBe('false');
    const reports = fake.api.health.report.mock.calls.length;

    act(() => fake.emit('notice:showHealth', {}));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Health' }).getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() => expect(fake.api.health.report.mock.calls.length).toBeGreaterThan(reports));
  });
});
