import { useTranslation } from 'react-i18next';
import { SelectField } from '../../common/ui';

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
  const { i18n } = useTranslation();
  return (
    <SelectField label={label} value={value} onChange={onChange}>
      <option value="">{allLabel}</option>
      {themes.map((theme) => (
        <option key={theme.id} value={optionValue(theme)}>
          {i18n.language === 'en' ? theme.labelEn : theme.labelFr}
        </option>
      ))}
    </SelectField>
  );
}
