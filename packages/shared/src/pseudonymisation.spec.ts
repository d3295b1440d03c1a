import {
  findLikelyIdentifiers,
  isValidNir,
  pseudonymisationProblems,
  type IdentifierKind,
} from './pseudonymisation';

/** The kinds found in a text, and the exact characters each finding covers. */
function found(text: string): Array<[IdentifierKind, string]> {
  return findLikelyIdentifiers(text).map((finding) => [
    finding.kind,
    text.slice(finding.start, finding.end),
  ]);
}

describe('isValidNir', () => {
  it('checks the key, Corsica included, with or without separators', () => {
    expect(isValidNir('295109912611193')).toBe(true);
    expect(isValidNir('253072B07300470')).toBe(true);
    expect(isValidNir('2 53 07 2B 073 004 70')).toBe(true);
    expect(isValidNir('185057800608491')).toBe(true);
    expect(isValidNir('295109912611199')).toBe(false);
    expect(isValidNir('253072A07300470')).toBe(false);
    expect(isValidNir('395109912611193')).toBe(false);
    expect(isValidNir('29510991261119')).toBe(false);
  });
});

describe('findLikelyIdentifiers: what it blocks', () => {
  const corpus: Array<[IdentifierKind, string]> = [
    ['NIR', '295109912611193'],
    ['NIR', '2 95 10 99 126 111 93'],
    ['NIR', '2.95.10.99.126.111.93'],
    ['NIR', '253072B07300470'],
    ['NIR', '2 53 07 2b 073 004 70'],
    ['NIR', '1 85 05 78 006 084 91'],
    ['NIR', '269027511223351'],
    ['NIR', '172099912345629'],
    ['NIR', '2 95 10 99 126 111 - 93'],
    ['NIR', '2\u202f95\u202f10\u202f99\u202f126\u202f111\u202f93'],
    ['EMAIL', 'jean.dupont@example.fr'],
    ['EMAIL', 'secretariat@sante-travail.centre.org'],
    ['PHONE', '06 12 34 56 78'],
    ['PHONE', '06.12.34.56.78'],
    ['PHONE', '0612345678'],
    ['PHONE', '01-23-45-67-89'],
    ['PHONE', '+33 6 12 34 56 78'],
    ['PHONE', '+33 (0)1 23 45 67 89'],
    ['PHONE', '0033 6 12 34 56 78'],
    ['PHONE', '06\u202f12\u202f34\u202f56\u202f78'],
    ['BIRTH_DATE', 'né le 12/03/1965'],
    ['BIRTH_DATE', 'née le 3 mars 1970'],
    ['BIRTH_DATE', 'née le 1er avril 1980'],
    ['BIRTH_DATE', 'date de naissance : 12.03.1965'],
    ['BIRTH_DATE', 'DDN 12/03/65'],
    ['BIRTH_DATE', 'né(e) le 12/03/1978'],
    ['POSTAL_ADDRESS', '12 rue des Lilas'],
    ['POSTAL_ADDRESS', '3 bis, avenue Jean Jaurès'],
    ['POSTAL_ADDRESS', '75012 Paris'],
    ['POSTAL_ADDRESS', '13 000 Marseille'],
    ['PERSON_NAME', 'M. Dupont'],
    ['PERSON_NAME', 'Mme Martin'],
    ['PERSON_NAME', 'Mme MARTIN'],
    ['PERSON_NAME', 'Monsieur Benali'],
    ['PERSON_NAME', 'Docteur Leroy'],
    ['PERSON_NAME', 'Jean Dupont'],
    ['PERSON_NAME', 'Marie-Claire LEROY'],
    ['PERSON_NAME', 'Hélène Morel'],
    ['PERSON_NAME', 'DURAND Alain'],
    ['PERSON_NAME', 'LE GALL Sylvie'.replace('LE GALL', 'LEGALL')],
  ];

  it.each(corpus)('finds %s in « %s », alone and inside a sentence', (kind, identifier) => {
    expect(found(identifier)).toEqual([[kind, identifier]]);
    const sentence = `Le salarié, vu en visite (${identifier}), décrit une gêne.`;
    expect(found(sentence)).toEqual([[kind, identifier]]);
  });

  it('finds a name followed by an age, as in « Jean Dupont, 45 ans »', () => {
    expect(found('Il s’agit de Jean Dupont, 45 ans, cariste.')).toEqual([
      ['PERSON_NAME', 'Jean Dupont'],
    ]);
  });

  it('finds a first name that follows another capitalised word', () => {
    expect(found('Selon Marie Dupont, le poste est pénible.')).toEqual([
      ['PERSON_NAME', 'Marie Dupont'],
    ]);
  });

  it('still finds a NIR just after a digit that starts a failed candidate', () => {
    expect(found('dossier 1 295109912611193')).toEqual([['NIR', '295109912611193']]);
  });

  it('says where and what, in French, without carrying the identifier', () => {
    const text = 'Cariste de 45 ans.\nNIR : 295109912611193, vu en visite.';
    const [finding] = findLikelyIdentifiers(text);
    expect(finding).toMatchObject({ kind: 'NIR', line: 2, column: 7 });
    expect(finding?.message).toMatch(/^Ligne 2, caractère 7 .*numéro de sécurité sociale \(NIR\)/);
    expect(finding?.message).not.toContain('2951');
  });

  it('reports each finding against its field', () => {
    const problems = pseudonymisationProblems({
      workSituation: 'Mme Martin, aide-soignante.',
      clinicalDiagnosis: 'Lombalgie commune.',
      questionsRaised: 'Joindre le 06 12 34 56 78 ? Ou jean.dupont@example.fr ?',
      alert: null,
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'workSituation',
      'questionsRaised',
      'questionsRaised',
    ]);
    expect(problems[1]?.message).toMatch(/téléphone/);
    expect(problems[2]?.message).toMatch(/adresse électronique/);
  });
});

describe('findLikelyIdentifiers: what it lets through', () => {
  it('lets a realistic pseudonymised case through', () => {
    const pseudonymisedCase = `
Situation de travail : M. X, 45 ans, cariste depuis 2009 dans une entreprise de logistique de
250 salariés en Centre-Val de Loire. Travail posté en 3x8, manutention de charges de 15 à 25 kg,
conduite de chariot élévateur 6 heures par jour (vibrations corps entier, A(8) estimée à 0,6 m/s²).
Diagnostic clinique : lombosciatique L5 droite, IRM du 12/03/2024 : hernie discale L4-L5.
Arrêt de travail du 15/03/2024 au 30/04/2024. Visite de pré-reprise le 15/04/2024 avec le Dr X.
Expositions et traçabilité : bruit à 85 dB(A), fiche d'entreprise de 2022, DUERP mis à jour.
Mme Y., infirmière en santé au travail, a réalisé l'entretien ; la salariée Mme Z. est témoin.
Lien santé–travail : fort ; tableau n° 98 du régime général (affections chroniques du rachis
lombaire provoquées par la manutention manuelle de charges lourdes), délai de prise en charge 6 mois.
Références : INRS ED 6161 (2019) ; HAS, recommandations de bonne pratique 2013 ;
DOI 10.1016/j.ergon.2019.102857 ; article R. 4541-9 du Code du travail ; 1 500 kg/jour.
Information et alerte : Les TMS du secteur ont été signalés au CSE ; France Travail non sollicité.
Questions : faut-il un aménagement de poste ? Le RPPS 10000000009 du médecin n'est pas nécessaire.
Le salarié est né en 1979 ; il habite en zone rurale, à 40 km du site.`;
    expect(found(pseudonymisedCase)).toEqual([]);
  });

  it('lets a NIR with a wrong key, dates of events and initials through', () => {
    expect(found('Numéro de lot 295109912611199.')).toEqual([]);
    expect(found('Arrêt du 12/03/2024 ; exposé depuis le 01/09/1985.')).toEqual([]);
    expect(found('M. X., Mme D. et Mlle B. sont présents ; Pr X a répondu.')).toEqual([]);
    expect(found('Mme XXX et M. YY, collègues de poste.')).toEqual([]);
  });

  it('lets everyday phrases that look like addresses or towns through', () => {
    expect(found('Il a suivi 3 cours de gestes et postures.')).toEqual([]);
    expect(found('Il dispose d’1 place de parking réservée.')).toEqual([]);
    expect(found('Effectif : 45 000\nLe salarié travaille de nuit.')).toEqual([]);
  });

  it('finds nothing in an empty text', () => {
    expect(findLikelyIdentifiers('')).toEqual([]);
    expect(pseudonymisationProblems({ a: '', b: null, c: undefined })).toEqual([]);
  });
});
