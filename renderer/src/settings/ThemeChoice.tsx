import { useId } from 'react';
import type { Theme } from './settingsDraft';

const THEME_LABELS: [Theme, string][] = [
  ['system', 'Same as the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

export function ThemeChoice({ value, onChange }: { value: Theme; onChange: (theme: Theme) => void }) {
  const name = useId();
  return (
    <fieldset>
      <legend>Theme</legend>
      <div className="theme-choices">
        {THEME_LABELS.map(([theme, label]) => (
          <label key={theme}>
            <input type="radio" name={name} value={theme} checked={value === theme} onChange={() => onChange(theme)} />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
