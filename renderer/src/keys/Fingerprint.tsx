import { useEffect, useState } from 'react';
import { shortFingerprint } from './keyFormat';

const COPIED_MS = 2000;

/**
 * The one way the app shows a certificate fingerprint: the short form the CLI lists and accepts,
 * with the full SHA-256 in its title and one click away. A fingerprint is public (the Console shows
 * it), so it goes through the renderer's clipboard, not main's clearing one.
 */
export function Fingerprint({ value, id, testId }: { value: string; id?: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(null), COPIED_MS);
    return () => clearTimeout(t);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  const short = shortFingerprint(value);
  return (
    <span className="fingerprint">
      <code id={id} className="key-fingerprint" title={value} data-testid={testId} data-full={value}>
        {short}…
      </code>{' '}
      <button type="button" className="copy-button" onClick={() => void copy()} aria-label={`Copy full fingerprint of key ${short}`}>
        {copied === 'yes' ? 'Copied ✓' : copied === 'failed' ? 'Copy failed' : 'Copy full'}
      </button>
    </span>
  );
}
