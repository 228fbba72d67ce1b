import { formatExpiry } from './format';
import { useNow } from './useNow';

interface Props {
  expiresAt: number;
  /** before the time left: "Expires in" */
  label?: string;
  expiredText?: string;
  testId?: string;
}

/**
 * How long a token has left and when it ends, "Expires in 23 h 59 m · at 16:21 tomorrow", ticking
 * every second (seconds are shown only in the last hour, so before that the text changes by the minute).
 */
export function TokenExpiry({ expiresAt, label = 'Expires in', expiredText = 'Expired', testId = 'token-countdown' }: Props) {
  const now = useNow(1000);
  const left = expiresAt - now;
  if (left <= 0) return <span className="countdown expired">{expiredText}</span>;
  return (
    <span className="countdown" data-testid={testId}>
      {label} <time dateTime={new Date(expiresAt).toISOString()}>{formatExpiry(expiresAt, now)}</time>
    </span>
  );
}
