import { formatCountdown } from './format';
import { useNow } from './useNow';

interface Props {
  expiresAt: number;
  label?: string;
  expiredText?: string;
  testId?: string;
}

/** "<label> mm:ss", ticking every second; `expiredText` once past. */
export function Countdown({ expiresAt, label = 'Expires in', expiredText = 'Expired', testId = 'token-countdown' }: Props) {
  const now = useNow();
  const left = expiresAt - now;
  if (left <= 0) return <span className="countdown expired">{expiredText}</span>;
  return (
    <span className="countdown" data-testid={testId}>
      {label} <time dateTime={`PT${Math.ceil(left / 1000)}S`}>{formatCountdown(left)}</time>
    </span>
  );
}
