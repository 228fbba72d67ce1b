// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from '../../renderer/src/Countdown';
import { formatCountdown } from '../../renderer/src/format';
import { TokenPanel } from '../../renderer/src/TokenPanel';
import { IntegrationRow } from '../../renderer/src/IntegrationRow';
import { rowStatus } from '../../renderer/src/list/rowStatus';
import { createFakeApi, listItem } from './fake-api';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('countdown', () => {
  it('formats mm:ss, and h:mm:ss from an hour up', () => {
    expect(formatCountdown(125_000)).toBe('02:05');
    expect(formatCountdown(59_000)).toBe('00:59');
    expect(formatCountdown(59_001)).toBe('01:00');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(3_599_000)).toBe('59:59');
    expect(formatCountdown(3_600_000)).toBe('1:00:00');
    expect(formatCountdown(86_399_000)).toBe('23:59:59');
    expect(formatCountdown(-5)).toBe('00:00');
  });

  it('renders mm:ss and counts down every second', () => {
    render(<Countdown expiresAt={T0 + 125_000} />);
    expect(screen.getByTestId('token-countdown').textContent).toBe('Expires in 02:05');
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('token-countdown').textContent).toBe('Expires in 02:04');
    act(() => vi.advanceTimersByTime(65_000));
    expect(screen.getByTestId('token-countdown').textContent).toBe('Expires in 00:59');
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.queryByTestId('token-countdown')).toBeNull();
    expect(screen.getByText('Expired')).toBeTruthy();
  });

  it('the token panel counts down from the token status expiry', async () => {
    const fake = createFakeApi({ token: { state: 'valid', expiresAt: T0 + 10 * 60_000 } });
    render(<TokenPanel api={fake.full} name="integration-0000" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(fake.api.tokens.status).toHaveBeenCalledWith({ name: 'integration-0000' });
    expect(screen.getByTestId('token-countdown').textContent).toMatch(/^Expires in 10 m 00 s · at \d\d:\d\d/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(90_000);
    });
    expect(screen.getByTestId('token-countdown').textContent).toMatch(/^Expires in 8 m 30 s · at /);
  });

  it('a list row shows one status: valid, without a ticking clock', () => {
    const item = listItem(0, { token: { name: 'x', applicable: true, state: 'valid', expiresAt: T0 + 65_000, mintedAt: T0, autoRefresh: true } });
    render(
      <ul>
        <IntegrationRow id="r0" item={item} selected={false} status={rowStatus(item)} copied={false} position={1} setSize={1} onSelect={() => {}} onCopy={() => {}} />
      </ul>,
    );
    expect(screen.getByRole('option').querySelectorAll('.badge')).toHaveLength(1);
    expect(screen.getByRole('option').querySelector('.badge')?.textContent).toBe('valid');
  });
});
