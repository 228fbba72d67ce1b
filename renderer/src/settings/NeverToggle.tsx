import { useId } from 'react';

interface Props {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** The "never" choice beside a delay: null in the settings, not a magic number. */
export function NeverToggle({ label, checked, onChange }: Props) {
  const id = useId();
  return (
    <span className="never-toggle">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}
