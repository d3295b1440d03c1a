import { findLikelyIdentifiers, type IdentifierFinding } from '@epairs/shared';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { registerStrings } from '../../i18n';
import './guard.css';

registerStrings('guard', {
  fr: {
    lead: 'Ceci ressemble à une donnée identifiante : le serveur refusera d’enregistrer.',
    where: 'Ligne {{line}}, caractère {{column}} : {{what}} — {{instead}}.',
    what: {
      NIR: 'un numéro de sécurité sociale (NIR)',
      EMAIL: 'une adresse électronique',
      PHONE: 'un numéro de téléphone',
      BIRTH_DATE: 'une date de naissance',
      POSTAL_ADDRESS: 'une adresse postale',
      PERSON_NAME: 'un nom de personne',
    },
    instead: {
      NIR: 'supprimez-le, il ne doit jamais figurer ici',
      EMAIL: 'supprimez-la',
      PHONE: 'supprimez-le',
      BIRTH_DATE: 'indiquez plutôt l’âge (« 45 ans »)',
      POSTAL_ADDRESS: 'indiquez plutôt le type de lieu ou la région',
      PERSON_NAME: 'remplacez-le par une initiale (« M. X », « la salariée »)',
    },
  },
  en: {
    lead: 'This looks like identifying data: the server will refuse to save it.',
    where: 'Line {{line}}, character {{column}}: {{what}} — {{instead}}.',
    what: {
      NIR: 'a French social security number (NIR)',
      EMAIL: 'an e-mail address',
      PHONE: 'a phone number',
      BIRTH_DATE: 'a date of birth',
      POSTAL_ADDRESS: 'a postal address',
      PERSON_NAME: 'a person’s name',
    },
    instead: {
      NIR: 'remove it, it must never appear here',
      EMAIL: 'remove it',
      PHONE: 'remove it',
      BIRTH_DATE: 'give the age instead (“45 years old”)',
      POSTAL_ADDRESS: 'give the kind of place or the region instead',
      PERSON_NAME: 'replace it with an initial (“Mr X”, “the employee”)',
    },
  },
});

const DEBOUNCE_MS = 250;

/**
 * The pseudonymisation guard while typing (the API's own rules, from packages/shared): the likely
 * identifiers of each field, computed shortly after the typing pauses.
 */
export function useGuard(fields: Record<string, string>): Record<string, IdentifierFinding[]> {
  const key = JSON.stringify(fields);
  const [findings, setFindings] = useState<Record<string, IdentifierFinding[]>>({});
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const texts = JSON.parse(key) as Record<string, string>;
      setFindings(
        Object.fromEntries(
          Object.entries(texts).map(([name, text]) => [name, findLikelyIdentifiers(text)]),
        ),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [key]);
  return findings;
}

/** For Field's `warning` slot: the guard's warning when it found something, else nothing. */
export function guardWarning(findings: IdentifierFinding[] | undefined): ReactNode {
  return findings?.length ? <GuardWarning findings={findings} /> : undefined;
}

function GuardWarning({ findings }: { findings: IdentifierFinding[] }) {
  const { t } = useTranslation('guard');
  return (
    <div className="guard-warning">
      <p>
        <strong>{t('lead')}</strong>
      </p>
      <ul>
        {findings.map((finding) => (
          <li key={`${finding.start}-${finding.kind}`}>
            {t('where', {
              line: finding.line,
              column: finding.column,
              what: t(`what.${finding.kind}`),
              instead: t(`instead.${finding.kind}`),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
