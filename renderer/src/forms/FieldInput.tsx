import type { ChangeEvent } from 'react';
import type { FieldSpec } from './field-specs';

interface Props {
  id: string;
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  required: boolean;
  /** overrides the spec's, e.g. "Replace client secret" when editing */
  label?: string;
  help?: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** The model's messages start in lower case, as the CLI prints them after a flag name. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** One labelled input with its help and, when invalid, its message, tied by aria-describedby. */
export function FieldInput({ id, spec, value, error, required, label, help, onChange, onBlur }: Props) {
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const helpText = help ?? spec.help;
  const described = [error && errorId, helpText && helpId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    onBlur,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => onChange(e.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'aria-required': required || undefined,
  };

  return (
    <div className="form-field">
      <label htmlFor={id} className={required ? 'required' : undefined}>
        {label ?? spec.label}
      </label>
      {spec.input === 'choice' ? (
        <select {...common}>
          {spec.choices?.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      ) : spec.input === 'multiline' ? (
        <textarea {...common} rows={2} />
      ) : (
        <input
          {...common}
          type={spec.input === 'secret' ? 'password' : 'text'}
          inputMode={spec.input === 'number' ? 'numeric' : undefined}
          placeholder={spec.placeholder}
          // Identifiers and secrets: no spell check, no capitalisation, no browser autofill.
          spellCheck={false}
          autoCapitalize="off"
          autoComplete={spec.input === 'secret' ? 'new-password' : 'off'}
        />
      )}
      {error && (
        <p id={errorId} className="field-error">
          {sentence(error)}
        </p>
      )}
      {helpText && (
        <p id={helpId} className="field-help">
          {helpText}
        </p>
      )}
    </div>
  );
}
