import { useCallback, useMemo, useState } from 'react';
import type { FieldKey } from './field-specs';
import type { FormValues } from './form-values';

type Errors = Partial<Record<string, string>>;

/**
 * Form state with validation as you type. Every error is known at every keystroke; one is shown
 * once its input was typed in or left, or after a submit attempt, so an untouched form is not
 * covered in red. An error from main for a field is shown until that field is edited.
 */
export function useValidatedForm(initial: FormValues, validate: (values: FormValues) => Errors) {
  const [values, setValues] = useState<FormValues>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});

  const errors = useMemo(() => validate(values), [validate, values]);

  const touch = useCallback((key: FieldKey) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key))), []);

  const setValue = useCallback(
    (key: FieldKey, value: string) => {
      setValues((v) => ({ ...v, [key]: value }));
      touch(key);
      setServerErrors((e) => (key in e ? { ...e, [key]: undefined } : e));
    },
    [touch],
  );

  const visibleError = (key: string): string | undefined =>
    serverErrors[key] ?? (touched.has(key) || submitted ? errors[key] : undefined);

  const setServerError = (key: string, message: string) => setServerErrors((e) => ({ ...e, [key]: message }));

  return {
    values,
    errors,
    valid: Object.keys(errors).length === 0,
    setValue,
    touch,
    visibleError,
    setServerError,
    markSubmitted: () => setSubmitted(true),
  };
}

export type ValidatedForm = ReturnType<typeof useValidatedForm>;
