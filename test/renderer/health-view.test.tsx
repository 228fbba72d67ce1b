// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MainView } from '../../renderer/src/MainView';
import { createFakeApi } from './fake-api';

afterEach(cleanup);

const due = {
  checkedAt: '2026-11-30T00:00:00.000Z',
  due: 1,
  items: [
    { integration: 'integration-0001', kind: 'oauthS2S' as const, condition: 'secret_old' as const, severity: 'due' as const, by: '2026-10-01T00:00:00.000Z', message: 'Its client secret is 120 days old', action: 'rotate_secret' as const },
    { integration: 'integration-0002', kind: 'oauthS2S' as const, condition: 'never_used' as const, severity: 'info' as const, by: null, message: 'No token has been minted with it' },
  ],
};

describe('Health view and rotation wizard', () => {
  it('is the first thing shown when something is due, and rotates through the wizard with the CLI steps', async () => {
    const { api, full } = createFakeApi({ health: due });
    render(<MainView api={full} />);
    expect(await screen.findByRole('region', { name: 'Health' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Health (1 due)' })).toBeTruthy();
    expect(await screen.findByText('Its client secret is 120 days old')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret…' }));
    expect(await screen.findByText('uuid-held')).toBeTruthy();
    expect(api.rotation.secrets).toHaveBeenCalledWith({ name: 'integration-0001' });
    fireEvent.click(screen.getByRole('button', { name: 'Add a new secret and switch to it' }));
    expect(await screen.findByText('Keysmith now uses the new client secret uuid-new')).toBeTruthy();
    expect(api.rotation.rotate).toHaveBeenLastCalledWith({ name: 'integration-0001' });

    // The old secret is still in use somewhere: main refuses, and the wizard offers to confirm.
    api.rotation.rotate.mockResolvedValueOnce({
      ok: false,
      error: { code: 'rotation_blocked', message: 'the old client secret uuid-held was last used after the switch', action: 'force_finish_rotation' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete the old secret' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(api.rotation.rotate).toHaveBeenLastCalledWith({ name: 'integration-0001', finish: true });
    fireEvent.click(screen.getByRole('button', { name: /Delete it anyway/ }));
    await waitFor(() => expect(api.rotation.rotate).toHaveBeenLastCalledWith({ name: 'integration-0001', finish: true, force: true }));
  });

  it('opens on the list when nothing is due', async () => {
    const { full } = createFakeApi();
    render(<MainView api={full} />);
    expect(await screen.findByText('integration-0000')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Health' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Health' })).toBeTruthy();
  });

  it('asks main for the report with the saved thresholds, and says which they are', async () => {
    const { api, full } = createFakeApi({ health: due });
    await full.settings.set({ healthSecretMaxAgeDays: 120, healthCertificateDays: 45 });
    render(<MainView api={full} />);
    expect(await screen.findByText(/Client secrets are due for rotation after 120 days, certificates 45 days before they expire/)).toBeTruthy();
    // No thresholds in the request: main applies the saved ones, so the view and a notification agree.
    expect(api.health.report).toHaveBeenCalledWith({});
  });
});
