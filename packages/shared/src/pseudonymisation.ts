import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import type { FieldProblem } from './errors';
import { FRENCH_FIRST_NAMES } from './first-names';

/**
 * The pseudonymisation guard: finds what looks like an identifier of a person in a text before it
 * is saved (API, which refuses the save) or while it is typed (portal, which warns). Cases are
 * written under medical secret; a social security number must never be stored (DOMAIN.md).
 *
 * Heuristics, tuned to block what identifies and let a pseudonymised case through (« M. X,
 * 45 ans, cariste »). Messages show where and which kind, with at most three characters of the
 * text, so an error that reaches a log does not carry the identifier.
 */
export const IDENTIFIER_KINDS = [
  'NIR',
  'EMAIL',
  'PHONE',
  'BIRTH_DATE',
  'POSTAL_ADDRESS',
  'PERSON_NAME',
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface IdentifierFinding {
  kind: IdentifierKind;
  /** Offsets in the scanned text (UTF-16 code units, as String.prototype.slice counts). */
  start: number;
  end: number;
  /** 1-based, for the message. */
  line: number;
  column: number;
  /** French, safe to log: the kind, the place and at most three characters. */
  message: string;
}

const LABELS: Record<IdentifierKind, { what: string; instead: string }> = {
  NIR: {
    what: 'un numéro de sécurité sociale (NIR)',
    instead: 'supprimez-le : il ne doit jamais figurer dans un cas',
  },
  EMAIL: { what: 'une adresse électronique', instead: 'supprimez-la' },
  PHONE: { what: 'un numéro de téléphone', instead: 'supprimez-le' },
  BIRTH_DATE: {
    what: 'une date de naissance',
    instead: 'indiquez plutôt l’âge (« 45 ans »)',
  },
  POSTAL_ADDRESS: {
    what: 'une adresse postale',
    instead: 'indiquez plutôt le type de lieu ou la région (« en zone rurale »)',
  },
  PERSON_NAME: {
    what: 'un nom de personne',
    instead: 'remplacez-le par une initiale ou une mention neutre (« M. X », « la salariée »)',
  },
};

type Span = Pick<IdentifierFinding, 'kind' | 'start' | 'end'>;

// --- NIR -----------------------------------------------------------------------------------------

/** Sex digit then 14 characters, each preceded by up to three spaces, dots or dashes. */
const NIR_CANDIDATE = /(?<![\p{L}\d])[1278](?:[ .-]{0,3}[\dAB]){14}(?!\d)/giu;
const NIR_SHAPE = /^[1278]\d{4}(?:\d{2}|2[AB])\d{8}$/;

/** The NIR key: 97 − (first 13 characters mod 97), Corsica's 2A and 2B counted as 19 and 18. */
export function isValidNir(input: string): boolean {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  if (!NIR_SHAPE.test(compact)) return false;
  const department = compact.slice(5, 7);
  const numeric = department === '2A' ? '19' : department === '2B' ? '18' : department;
  const body = Number(compact.slice(0, 5) + numeric + compact.slice(7, 13));
  return 97 - (body % 97) === Number(compact.slice(13));
}

function findNirs(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = new RegExp(NIR_CANDIDATE.source, NIR_CANDIDATE.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    if (isValidNir(match[0])) {
      spans.push({ kind: 'NIR', start: match.index, end: match.index + match[0].length });
    } else {
      // A failed candidate may hide a real NIR that starts one character later.
      pattern.lastIndex = match.index + 1;
    }
  }
  return spans;
}

// --- the regular kinds ---------------------------------------------------------------------------

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;

const MONTHS =
  'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre';
/** A full date (day, month, year) right after a birth cue: « né le », « date de naissance », « DDN ». */
const BIRTH_DATE = new RegExp(
  String.raw`(?<![\p{L}])(?:n[ée]e?s?(?:\(e\))?\s+(?:le\s+)?|date\s+de\s+naissance\s*:?\s*(?:le\s+)?|d\.?\s?d\.?\s?n\.?\s*:?\s*|naissance\s*:?\s*(?:le\s+)?)` +
    String.raw`(?:\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})(?!\d)|(?:1er|\d{1,2})\s+(?:${MONTHS})\s+\d{4})`,
  'giu',
);

/** Street types, any case (« rue », « Rue », « RUE »), spelled out for a case-sensitive pattern. */
const STREET_TYPES = (
  'rue|avenue|av\\.|bd|boulevard|place|impasse|allée|allee|chemin|route|quai|cours|square|' +
  'passage|résidence|residence|lotissement|lieu-dit|voie|sentier|faubourg|rond-point|esplanade|' +
  'cité|cite|hameau'
)
  .split('|')
  .flatMap((type) => [type, type[0]!.toUpperCase() + type.slice(1), type.toUpperCase()])
  .join('|');
/**
 * « 12 rue des Lilas », « 3 bis, avenue Jean Jaurès »: a capitalised name after the street type,
 * so that « 3 cours de gestes et postures » or « 1 place de parking » pass.
 */
const STREET_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\d])\d{1,4}(?:\s?(?:bis|ter|quater|BIS|TER)\b)?,?\s+(?:${STREET_TYPES})(?![\p{L}])(?:\s+[\p{Ll}'’-]+){0,2}\s+\p{Lu}[^\s,.;:!?()«»\x22]*(?:\s+[^\s,.;:!?()«»\x22]+){0,3}`,
  'gu',
);
/** « 75012 Paris », « 13 000 Marseille », « 69003 LYON CEDEX ». Case-sensitive: a capital follows. */
const POSTCODE_AND_TOWN =
  /(?<![\p{L}\d])(?:0[1-9]|[1-8]\d|9[0-8]) ?\d{3}(?![\d])[ \t]+\p{Lu}[\p{L}'’-]+/gu;

/** « M. Dupont », « Mme MARTIN », « Docteur Leroy »: a title then a name (an initial is fine). */
const TITLED_NAME =
  /(?<![\p{L}])(?:M\.|MM\.|Mr\.?|Mme\.?|Mmes|Mlle\.?|Monsieur|Madame|Mademoiselle|Dr\.?|Docteure?|Pr\.?|Professeure?|Me)\s+(\p{Lu}[\p{L}'’-]*)/gu;

/** « Jean Dupont », « Marie-Claire LEROY »: a known first name then a capitalised word. */
const FIRST_NAME_THEN_NAME =
  /(?<![\p{L}])(\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?)\s+(\p{Lu}[\p{L}'’-]+)/gu;
/** « DURAND Alain », as records write it: a surname in capitals then a known first name. */
const NAME_THEN_FIRST_NAME =
  /(?<![\p{L}])(\p{Lu}{2,}(?:-\p{Lu}{2,})?)\s+(\p{Lu}[\p{Ll}]+(?:-\p{Lu}[\p{Ll}]+)?)(?![\p{L}])/gu;

function spansOf(text: string, pattern: RegExp, kind: IdentifierKind): Span[] {
  return [...text.matchAll(pattern)].map((match) => ({
    kind,
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** « X », « D. », « XXX »: a pseudonym, not a name. */
function isInitial(word: string): boolean {
  const letters = word.replace(/[.'’-]/g, '');
  return letters.length <= 1 || /^(\p{Lu})\1*$/u.test(letters);
}

function findTitledNames(text: string): Span[] {
  return [...text.matchAll(TITLED_NAME)]
    .filter((match) => !isInitial(match[1] ?? ''))
    .map((match) => ({
      kind: 'PERSON_NAME',
      start: match.index,
      end: match.index + match[0].length,
    }));
}

function normaliseName(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function isKnownFirstName(word: string): boolean {
  return word.split('-').every((part) => FRENCH_FIRST_NAMES.has(normaliseName(part)));
}

function findFirstNames(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = new RegExp(FIRST_NAME_THEN_NAME.source, FIRST_NAME_THEN_NAME.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const [whole, first = '', surname = ''] = match;
    if (isKnownFirstName(first) && !isInitial(surname)) {
      spans.push({ kind: 'PERSON_NAME', start: match.index, end: match.index + whole.length });
    } else {
      // « Selon Marie Dupont »: the second word may itself be the first name.
      pattern.lastIndex = match.index + first.length;
    }
  }
  return spans;
}

function findSurnamesFirst(text: string): Span[] {
  return [...text.matchAll(NAME_THEN_FIRST_NAME)]
    .filter(([, surname = '', first = '']) => !isInitial(surname) && isKnownFirstName(first))
    .map((match) => ({
      kind: 'PERSON_NAME',
      start: match.index,
      end: match.index + match[0].length,
    }));
}

function findPhones(text: string): Span[] {
  return findPhoneNumbersInText(text, 'FR').map((found) => {
    // The finder keeps an opening bracket before the number: « (06 12… » is highlighted from 0.
    const number = text.slice(found.startsAt, found.endsAt);
    const unbalanced = number.split('(').length > number.split(')').length;
    const bracket = number.startsWith('(') && unbalanced ? 1 : 0;
    return { kind: 'PHONE', start: found.startsAt + bracket, end: found.endsAt };
  });
}

// --- the guard -----------------------------------------------------------------------------------

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

function describe(text: string, span: Span): IdentifierFinding {
  const { line, column } = position(text, span.start);
  const glimpse = text.slice(span.start, Math.min(span.end, span.start + 3)).trimEnd();
  const label = LABELS[span.kind];
  return {
    ...span,
    line,
    column,
    message:
      `Ligne ${line}, caractère ${column} (« ${glimpse}… ») : ceci ressemble à ${label.what}. ` +
      `Pour préserver l’anonymat, ${label.instead}, puis enregistrez à nouveau.`,
  };
}

/** Every likely identifier in the text, in reading order, overlapping findings merged. */
export function findLikelyIdentifiers(text: string): IdentifierFinding[] {
  if (!text) return [];
  // No-break and narrow no-break spaces (French typography) read as spaces; one for one, so
  // offsets stay those of the text.
  const scanned = text.replace(/[\u00a0\u2007\u202f]/g, ' ');
  const spans = [
    ...findNirs(scanned),
    ...spansOf(scanned, EMAIL, 'EMAIL'),
    ...findPhones(scanned),
    ...spansOf(scanned, BIRTH_DATE, 'BIRTH_DATE'),
    ...spansOf(scanned, STREET_ADDRESS, 'POSTAL_ADDRESS'),
    ...spansOf(scanned, POSTCODE_AND_TOWN, 'POSTAL_ADDRESS'),
    ...findTitledNames(scanned),
    ...findFirstNames(scanned),
    ...findSurnamesFirst(scanned),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of spans) {
    const previous = kept[kept.length - 1];
    if (previous && span.start < previous.end) {
      previous.end = Math.max(previous.end, span.end);
    } else {
      kept.push({ ...span });
    }
  }
  return kept.map((span) => describe(text, span));
}

/**
 * The guard as the API applies it: one problem per likely identifier, named by field, for every
 * text field about to be saved. Empty when the texts may be stored.
 */
export function pseudonymisationProblems(
  fields: Record<string, string | null | undefined>,
): FieldProblem[] {
  return Object.entries(fields).flatMap(([field, text]) =>
    findLikelyIdentifiers(text ?? '').map((finding) => ({ field, message: finding.message })),
  );
}
