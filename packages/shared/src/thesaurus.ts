/**
 * The thesaurus of « repères professionnels » (thésaurisation des accompagnements, DOMAIN.md):
 * a group's binôme proposes an entry drawn from an accompaniment, the group's relay person
 * publishes it with the group's agreement, and from then on every member of the federation reads
 * and searches it.
 */

/** PROPOSED (the group and its binôme) → PUBLISHED (the federation) → WITHDRAWN; forward only. */
export const THESAURUS_ENTRY_STATUSES = ['PROPOSED', 'PUBLISHED', 'WITHDRAWN'] as const;
export type ThesaurusEntryStatus = (typeof THESAURUS_ENTRY_STATUSES)[number];

/** The texts of an entry, with their French labels and length limits (the database checks them too). */
export const THESAURUS_ENTRY_FIELDS = {
  title: { label: 'Le titre', min: 3, max: 200 },
  lesson: { label: 'Le repère (l’enseignement tiré)', min: 20, max: 5000 },
  context: { label: 'Le contexte anonymisé', min: 0, max: 5000 },
} as const;
export type ThesaurusEntryField = keyof typeof THESAURUS_ENTRY_FIELDS;

/** Themes per entry (national priorities, see `Theme`). */
export const THESAURUS_THEMES = { min: 1, max: 3 } as const;

/** Search: the longest query accepted, and the page size limits. */
export const THESAURUS_SEARCH = {
  maxQueryLength: 200,
  defaultPerPage: 10,
  maxPerPage: 50,
} as const;

/**
 * Markers around matched words in the highlighted fragments the API builds (control characters
 * the API removes from the texts first); clients receive segments, never markup.
 */
export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_STOP = '\u0002';

export interface HighlightSegment {
  text: string;
  highlighted: boolean;
}

/**
 * Splits a text marked with HIGHLIGHT_START/STOP into plain segments, adjacent matches merged
 * (« musculo » « - » « squelettiques » read as one highlighted compound). A client renders them
 * as text nodes, so nothing in an entry can inject markup.
 */
export function highlightSegments(marked: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (text: string, highlighted: boolean) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.highlighted === highlighted) last.text += text;
    else segments.push({ text, highlighted });
  };
  let highlighted = false;
  let start = 0;
  for (let index = 0; index < marked.length; index += 1) {
    const char = marked[index];
    if (char !== HIGHLIGHT_START && char !== HIGHLIGHT_STOP) continue;
    push(marked.slice(start, index), highlighted);
    highlighted = char === HIGHLIGHT_START;
    start = index + 1;
  }
  push(marked.slice(start), highlighted);
  // A hyphen between two highlighted parts of one compound is part of the match.
  const merged: HighlightSegment[] = [];
  for (const segment of segments) {
    const previous = merged.at(-1);
    const beforePrevious = merged.at(-2);
    if (
      segment.highlighted &&
      previous &&
      !previous.highlighted &&
      previous.text === '-' &&
      beforePrevious?.highlighted
    ) {
      merged.pop();
      beforePrevious.text += `-${segment.text}`;
      continue;
    }
    merged.push({ ...segment });
  }
  return merged;
}
