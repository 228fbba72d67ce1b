import { forwardRef, useId, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { id: string };

/**
 * A passphrase input with a Show toggle and a Caps Lock warning (read from each key press, since
 * the page cannot ask for the state of the key before one).
 */
export const PassphraseInput = forwardRef<HTMLInputElement, Props>(function PassphraseInput({ id, onKeyDown, onKeyUp, ...rest }, ref) {
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const capsId = useId();
  const track = (e: KeyboardEvent<HTMLInputElement>) => setCapsLock(e.getModifierState?.('CapsLock') ?? false);
  const describedBy = [rest['aria-describedby'], capsLock ? capsId : null].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <span className="passphrase-input">
        <input
          {...rest}
          id={id}
          ref={ref}
          type={shown ? 'text' : 'password'}
          spellCheck={false}
          aria-describedby={describedBy}
          onKeyDown={(e) => {
            track(e);
            onKeyDown?.(e);
          }}
          onKeyUp={(e) => {
            track(e);
            onKeyUp?.(e);
          }}
        />
        <button type="button" className="show-toggle" aria-pressed={shown} aria-controls={id} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>
      </span>
      {capsLock && (
        <p id={capsId} className="caps-warning" role="status">
          Caps Lock is on.
        </p>
      )}
    </>
  );
});
