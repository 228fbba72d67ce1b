import { useId, useState, type FormEvent } from 'react';
import { newPassphraseProblem } from '../../electron/shared/passphrase-rule';
import { AppIcon } from './AppIcon';
import { ErrorActionProvider, ErrorMessage } from './errors/ErrorActions';
import { PassphraseInput } from './lock/PassphraseInput';
import { strengthHint } from './lock/strength';
import { call, type IpcError, type KeysmithApi, type RequestOf, type VaultStatus } from './bridge';

interface Props {
  api: KeysmithApi;
  status: VaultStatus;
  onCreated: (status: VaultStatus) => void;
}

type Method = 'keychain' | 'passphrase';

/**
 * First run: where the vault will live and how it will be unlocked. The keychain is the default
 * (nothing to type, and the CLI unlocks the same way); a passphrase is for machines without one.
 * Either way main shows the recovery key in its own dialog: it never reaches this page.
 */
export function CreateVault({ api, status, onCreated }: Props) {
  const [method, setMethod] = useState<Method>('keychain');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const ids = { passphrase: useId(), repeat: useId(), problem: useId() };

  // Main's rule, bundled here, so the form never accepts what the app would refuse.
  const rule = newPassphraseProblem(passphrase);
  const strength = strengthHint(passphrase);
  const problem =
    method !== 'passphrase'
      ? null
      : passphrase.length > 0 && rule
        ? `${rule[0]!.toUpperCase()}${rule.slice(1)}`
        : repeat.length > 0 && repeat !== passphrase
          ? 'The two passphrases differ'
          : null;
  const ready = method === 'keychain' || (rule === null && repeat === passphrase);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const request: RequestOf<'vault:create'> = method === 'keychain' ? { method: 'keychain' } : { method: 'passphrase', passphrase };
    const result = await call(api.vault.create(request));
    setBusy(false);
    if (result.ok) {
      setPassphrase('');
      setRepeat('');
      onCreated(result.value);
    } else {
      setError(result.error);
      // No keychain here: offer the passphrase straight away rather than a dead end.
      if (result.error.code === 'keychain_unavailable') setMethod('passphrase');
    }
  }

  return (
    <main className="lock-screen">
      <div className="row brand">
        <AppIcon size={40} />
        <h1>Welcome to Keysmith</h1>
      </div>
      <p>
        Keysmith keeps your API credentials, keys and tokens in one encrypted vault, in <code>{status.dataDir}</code>. The{' '}
        <code>keysmith</code> command line uses the same vault.
      </p>
      <form className="lock-form" onSubmit={(e) => void submit(e)} aria-label="Create the vault">
        <fieldset>
          <legend>Unlock the vault with</legend>
          <label>
            <input type="radio" name="method" checked={method === 'keychain'} onChange={() => setMethod('keychain')} /> the system keychain
            (recommended)
          </label>
          <label>
            <input type="radio" name="method" checked={method === 'passphrase'} onChange={() => setMethod('passphrase')} /> a passphrase
          </label>
        </fieldset>
        <p className="hint">
          {method === 'keychain'
            ? 'The keychain unlocks the vault when you log in to this computer: nothing to type, and the CLI unlocks the same way.'
            : 'A passphrase is asked for each time the vault is unlocked: for machines without a keychain, or to keep the vault apart from your login.'}
        </p>
        {method === 'passphrase' && (
          <>
            <label htmlFor={ids.passphrase}>Passphrase</label>
            <PassphraseInput
              id={ids.passphrase}
              autoComplete="new-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-invalid={problem !== null && repeat.length === 0 ? true : undefined}
              aria-describedby={problem ? ids.problem : undefined}
            />
            {strength && (
              <p className={`strength strength-${strength.level}`} data-testid="strength">
                {strength.text}
              </p>
            )}
            <label htmlFor={ids.repeat}>Repeat the passphrase</label>
            <PassphraseInput
              id={ids.repeat}
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              aria-invalid={repeat.length > 0 && repeat !== passphrase ? true : undefined}
              aria-describedby={problem ? ids.problem : undefined}
            />
            {problem && (
              <p id={ids.problem} className="error-text">
                {problem}
              </p>
            )}
          </>
        )}
        <p className="hint">A recovery key is shown once, in a separate window, after the vault is created: keep it somewhere safe.</p>
        {error && (
          <ErrorActionProvider handlers={{ use_passphrase: () => setMethod('passphrase') }}>
            <ErrorMessage
              error={
                error.code === 'keychain_unavailable'
                  ? { ...error, message: 'The system keychain is not available on this machine: choose a passphrase instead.' }
                  : error
              }
            />
          </ErrorActionProvider>
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={!ready || busy}>
            {busy ? 'Creating…' : 'Create the vault'}
          </button>
        </div>
      </form>
    </main>
  );
}
