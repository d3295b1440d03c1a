import { HIGHLIGHT_START as S, HIGHLIGHT_STOP as E, highlightSegments } from './thesaurus';

describe('highlightSegments', () => {
  it('splits a marked text into plain segments', () => {
    expect(highlightSegments(`Les ${S}risques${E} du poste`)).toEqual([
      { text: 'Les ', highlighted: false },
      { text: 'risques', highlighted: true },
      { text: ' du poste', highlighted: false },
    ]);
  });

  it('reads the parts of a highlighted compound as one match', () => {
    expect(highlightSegments(`troubles ${S}musculo${E}-${S}squelettiques${E}.`)).toEqual([
      { text: 'troubles ', highlighted: false },
      { text: 'musculo-squelettiques', highlighted: true },
      { text: '.', highlighted: false },
    ]);
  });

  it('keeps markup as text and returns nothing for an empty text', () => {
    expect(highlightSegments(`<b>${S}x${E}</b>`)).toEqual([
      { text: '<b>', highlighted: false },
      { text: 'x', highlighted: true },
      { text: '</b>', highlighted: false },
    ]);
    expect(highlightSegments('')).toEqual([]);
  });
});
