import { useState, type ReactNode } from 'react';
import { call, type IpcError, type KeysmithApi, type ResponseOf } from '../bridge';
import { ErrorMessage } from '../errors/ErrorActions';

type Step = 1 | 2 | 3;

interface Props {
  api: KeysmithApi;
  name: string;
  /** 1 until a key exists */
  step: Step;
  /** step 1's content: the key wizard and the import */
  generate: ReactNode;
  /** step 2's content: the new key, its certificate to save, where to upload it */
  upload: ReactNode;
  onUploaded: () => void;
  /** the key is set up: back to the usual keys view */
  onDone: () => void;
}

const TITLES: Record<Step, string> = {
  1: 'Generate a key',
  2: 'Upload its certificate',
  3: 'Test a token',
};

/**
 * A JWT integration without a key cannot get a token: the first thing it needs is the key, so the
 * keys section leads with the three steps, in order, each showing what it needs when it is current.
 */
export function KeySetupSteps({ api, name, step, generate, upload, onUploaded, onDone }: Props) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ ok: true; status: ResponseOf<'tokens:mint'> } | { ok: false; error: IpcError } | null>(null);

  async function test() {
    setTesting(true);
    const minted = await call(api.tokens.mint({ name, force: true }));
    setTesting(false);
    setResult(minted.ok ? { ok: true, status: minted.value } : { ok: false, error: minted.error });
  }

  const state = (n: Step) => (n < step ? 'done' : n === step ? 'current' : 'todo');
  return (
    <ol className="setup-steps" aria-label="Set up the key">
      {([1, 2, 3] as const).map((n) => (
        <li key={n} className={`setup-step setup-${state(n)}`} aria-current={n === step ? 'step' : undefined}>
          <p className="setup-title">
            <span className="setup-number" aria-hidden="true">
              {n < step ? '✓' : n}
            </span>{' '}
            {TITLES[n]}
            {n < step && <span className="visually-hidden"> (done)</span>}
          </p>
          {n === step && n === 1 && generate}
          {n === step && n === 2 && (
            <>
              {upload}
              <div className="row">
                <button type="button" className="primary" onClick={onUploaded}>
                  Uploaded: next
                </button>
              </div>
            </>
          )}
          {n === step && n === 3 && (
            <>
              <p>Ask Adobe for a token signed with the new key: it works once the certificate is uploaded.</p>
              {result?.ok && (
                <p role="status" className="notice">
                  Token received ✓{result.status.expiresAt !== null && ` (valid until ${new Date(result.status.expiresAt).toLocaleString()})`}
                </p>
              )}
              {result && !result.ok && <ErrorMessage error={result.error} />}
              <div className="row">
                <button type="button" className={result?.ok ? undefined : 'primary'} disabled={testing} onClick={() => void test()}>
                  {testing ? 'Testing…' : result ? 'Test again' : 'Test token'}
                </button>
                <button type="button" className={result?.ok ? 'primary' : undefined} onClick={onDone}>
                  Done
                </button>
              </div>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
