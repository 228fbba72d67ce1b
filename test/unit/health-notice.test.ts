/** The app's health notice: once a day for the same due items, at once for a new one, never when nothing is due. */
import { describe, expect, it } from 'vitest';
import { NotificationPolicy } from '../../electron/app/notification-policy';
import type { HealthItem, HealthReport } from '../../electron/shared/health';

const item = (integration: string, over: Partial<HealthItem> = {}): HealthItem => ({
  integration,
  kind: 'oauthS2S',
  condition: 'secret_old',
  severity: 'due',
  by: null,
  message: 'Its client secret is 120 days old',
  action: 'rotate_secret',
  ...over,
});
const report = (...items: HealthItem[]): HealthReport => ({ checkedAt: '', items, due: items.filter((i) => i.severity === 'due').length });
const at = (hours: number) => new Date(Date.UTC(2026, 10, 30) + hours * 3_600_000);

describe('health notices', () => {
  it('notifies once a day for the same due items, at once for a new one, and not for info alone', () => {
    const policy = new NotificationPolicy();
    expect(policy.healthNotice(report(item('A', { severity: 'info', condition: 'never_used' })), at(0))).toBeNull();
    expect(policy.healthNotice(report(item('A')), at(0))).toEqual({ title: '"A" needs attention', body: 'Client secret due for rotation: Its client secret is 120 days old', view: 'health' });
    expect(policy.healthNotice(report(item('A')), at(1))).toBeNull();
    expect(policy.healthNotice(report(item('A'), item('B', { condition: 'mint_failed' })), at(2))?.title).toBe('2 things need attention in Keysmith');
    expect(policy.healthNotice(report(item('A'), item('B', { condition: 'mint_failed' })), at(3))).toBeNull();
    expect(policy.healthNotice(report(item('A'), item('B', { condition: 'mint_failed' })), at(27))).not.toBeNull();
    expect(policy.healthNotice(report(), at(28))).toBeNull();
    expect(policy.healthNotice(report(item('A')), at(29))).not.toBeNull();
  });
});
