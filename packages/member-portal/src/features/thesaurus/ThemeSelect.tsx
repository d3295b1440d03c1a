import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const themeId = (theme: { id: string }) => theme.id;

/** A theme picker (French or English labels), with "all themes" first. */
export function ThemeSelect({
  label,
  allLabel,
  themes,
  value,
  onChange,
  optionValue = themeId,
}: {
  label: string;
  allLabel: string;
  themes: { id: string; code: string; labelFr: string; labelEn: string }[];
  value: string;
  onChange: (value: string) => void;
  optionValue?: (theme: { id: string; code: string }) => string;
}) {
  const id = useId();
  const { i18n } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {themes.map((theme) => (
          <option key={theme.id} value={optionValue(theme)}>
            {i18n.language === 'en' ? theme.labelEn : theme.labelFr}
          </option>
        ))}
      </select>
    </div>
  );
}
