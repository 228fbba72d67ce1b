import { memo } from 'react';
import type { IntegrationListItem } from './bridge';
import { Countdown } from './Countdown';
import { KIND_LABELS } from '../../electron/shared/integration-kinds';

interface Props {
  id: string;
  item: IntegrationListItem;
  selected: boolean;
  onSelect: (name: string) => void;
}

const TOKEN_LABELS: Record<IntegrationListItem['token']['state'], string> = {
  none: 'no token',
  valid: 'token valid',
  expiring: 'token expiring',
  expired: 'token expired',
};

/** One option of the list; memoized so moving the selection re-renders two rows, not all. */
export const IntegrationRow = memo(function IntegrationRow({ id, item, selected, onSelect }: Props) {
  const token = item.token.applicable ? TOKEN_LABELS[item.token.state] : null;
  const live = (item.token.state === 'valid' || item.token.state === 'expiring') && item.token.expiresAt !== null;
  const cert = item.keys?.daysLeft != null ? `certificate: ${item.keys.daysLeft} days left` : null;
  return (
    <li id={id} role="option" aria-selected={selected} className="row-item" onClick={() => onSelect(item.name)}>
      <span className="row-name">
        {item.favorite && <span aria-label="favourite">★ </span>}
        {item.name}
      </span>
      <span className="row-meta">
        {KIND_LABELS[item.kind]}
        {item.orgId ? ` · ${item.orgId}` : ''}
      </span>
      <span className="row-status">
        {token && (
          <span className={`badge badge-${item.token.state}`}>
            {live && item.token.expiresAt !== null ? (
              <Countdown expiresAt={item.token.expiresAt} label={`${token} for`} expiredText="token expired" testId="row-countdown" />
            ) : (
              token
            )}
          </span>
        )}
        {item.token.refreshError && <span className="badge badge-expired">last refresh failed</span>}
        {cert && <span className={item.keys?.expiringSoon ? 'badge badge-expiring' : 'badge'}>{cert}</span>}
      </span>
    </li>
  );
});
