// @vitest-environment jsdom
/** A click on a desktop notice about one integration (main pushes notice:showIntegration) shows that integration. */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { createFakeApi, listItem } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.keysmith;
});

describe('notice:showIntegration', () => {
  it('opens the named integration in the window', async () => {
    const items = [listItem(0), listItem(1), listItem(2)];
    const fake = createFakeApi({ items });
    window.keysmith = fake.full;
    render(<App />);
    await screen.findByRole('searchbox', { name: 'Search integrations' });
    const target = items[2]!.name;
    act(() => fake.emit('notice:showIntegration', { name: target }));
    await waitFor(() => expect(fake.api.integrations.get).toHaveBeenCalledWith({ name: target }));
    expect(await screen.findByRole('heading', { name: target })).toBeTruthy();
  });
});
