import { useMemo } from 'react';
import { specsOf, type FieldKey, type Kind } from './field-specs';
import { FieldInput } from './FieldInput';
import { requiredFields } from './validation';
import type { ValidatedForm } from './useValidatedForm';

export type FieldOverrides = Partial<Record<FieldKey, { label?: string; help?: string }>>;

interface Props {
  /** prefix of the inputs' ids; `inputId(prefix, key)` finds one */
  idPrefix: string;
  kind: Kind;
  form: ValidatedForm;
  overrides?: FieldOverrides;
}

export const inputId = (prefix: string, key: string) => `${prefix}-${key}`;

/** The inputs of one kind, the rarely changed ones grouped apart. */
export function FieldList({ idPrefix, kind, form, overrides = {} }: Props) {
  const required = useMemo(() => new Set(requiredFields(kind)), [kind]);
  const specs = specsOf(kind);

  const render = (key: FieldKey) => {
    const spec = specs.find((s) => s.key === key)!;
    return (
      <FieldInput
        key={key}
        id={inputId(idPrefix, key)}
        spec={spec}
        value={form.values[key] ?? ''}
        error={form.visibleError(key)}
        required={required.has(key)}
        label={overrides[key]?.label}
        help={overrides[key]?.help}
        onChange={(value) => form.setValue(key, value)}
        onBlur={() => form.touch(key)}
      />
    );
  };

  const advanced = specs.filter((s) => s.advanced);
  return (
    <>
      {specs.filter((s) => !s.advanced).map((s) => render(s.key))}
      {advanced.length > 0 && (
        <fieldset className="advanced-fields">
          <legend>Token settings</legend>
          {advanced.map((s) => render(s.key))}
        </fieldset>
      )}
    </>
  );
}

/** Focuses the first input, in display order, that shows an error: where the user must look. */
export function focusFirstInvalid(idPrefix: string, kind: Kind, hasError: (key: string) => boolean): void {
  const specs = specsOf(kind);
  const ordered = [...specs.filter((s) => !s.advanced), ...specs.filter((s) => s.advanced)];
  const first = ordered.find((s) => hasError(s.key));
  if (first) document.getElementById(inputId(idPrefix, first.key))?.focus();
}
