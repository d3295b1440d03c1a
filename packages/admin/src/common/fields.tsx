import { Chip, Typography } from '@mui/material';
import {
  DateField,
  FunctionField,
  SelectField,
  SelectInput,
  useLocaleState,
  useTranslate,
  type DateFieldProps,
  type SelectFieldProps,
  type SelectInputProps,
} from 'react-admin';
import { epairsFr } from '../i18n/fr';

/** Every date of the console is shown at Paris time, whatever the browser's zone. */
export const PARIS: Intl.DateTimeFormatOptions = { timeZone: 'Europe/Paris' };

export function ParisDateField(props: DateFieldProps & { withTime?: boolean }) {
  const { withTime, ...rest } = props;
  const [locale] = useLocaleState();
  return (
    <DateField
      locales={locale === 'en' ? 'en-GB' : 'fr-FR'}
      showTime={withTime}
      options={
        withTime
          ? { ...PARIS, dateStyle: 'medium', timeStyle: 'short' }
          : { ...PARIS, dateStyle: 'medium' }
      }
      {...rest}
    />
  );
}

export function formatParis(value: string | null | undefined, locale: string, withTime = false) {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    ...PARIS,
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(new Date(value));
}

export type EnumName = keyof typeof epairsFr.epairs.enums;

/** Choices of an API enum, labelled through the messages (epairs.enums.<Enum>.<VALUE>). */
export function enumChoices(name: EnumName) {
  return Object.keys(epairsFr.epairs.enums[name]).map((id) => ({
    id,
    name: `epairs.enums.${name}.${id}`,
  }));
}

export function EnumField({
  enumName,
  ...props
}: Omit<SelectFieldProps, 'choices'> & { enumName: EnumName }) {
  return <SelectField choices={enumChoices(enumName)} {...props} />;
}

export function EnumInput({
  enumName,
  ...props
}: Omit<SelectInputProps, 'choices'> & { enumName: EnumName }) {
  return <SelectInput choices={enumChoices(enumName)} {...props} />;
}

/** Where a text is confidential for the reader (the API answered `confidential: true`). */
export function Confidential() {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" label={translate('epairs.confidential')} />;
}

export function PersonName({ source = 'member' }: { source?: string; label?: string }) {
  return (
    <FunctionField
      source={source}
      render={(record: Record<string, { firstName?: string; lastName?: string } | undefined>) => {
        const person = record?.[source];
        return person ? `${person.firstName ?? ''} ${person.lastName ?? ''}`.trim() : '';
      }}
    />
  );
}

export function Muted({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary">
      {children}
    </Typography>
  );
}
