import { hoursBucketOf } from './dashboard';
import {
  changedSections,
  isFeedbackQuestion,
  loopStatus,
  normalizeDoi,
  reportValidationMet,
} from './reports';

describe('reportValidationMet', () => {
  const attendees = ['a', 'b', 'c', 'd'];

  it('needs every attendee under the default rule', () => {
    expect(reportValidationMet('ALL', attendees, ['a', 'b', 'c'])).toBe(false);
    expect(reportValidationMet('ALL', attendees, ['d', 'c', 'b', 'a'])).toBe(true);
  });

  it('needs more than half under the majority rule', () => {
    expect(reportValidationMet('MAJORITY', attendees, ['a', 'b'])).toBe(false);
    expect(reportValidationMet('MAJORITY', attendees, ['a', 'b', 'c'])).toBe(true);
  });

  it('counts only attendees, once each', () => {
    expect(reportValidationMet('ALL', ['a'], ['x', 'y'])).toBe(false);
    expect(reportValidationMet('MAJORITY', attendees, ['a', 'a', 'a', 'x'])).toBe(false);
  });

  it('never validates without attendees', () => {
    expect(reportValidationMet('ALL', [], [])).toBe(false);
    expect(reportValidationMet('MAJORITY', [], ['a'])).toBe(false);
  });
});

describe('changedSections', () => {
  it('names the sections that differ', () => {
    const base = {
      casesDiscussed: 'x',
      problemsIdentified: '',
      groupAnswers: 'y',
      agreementPoints: '',
      disagreementPoints: '',
    };
    expect(changedSections(base, { ...base, groupAnswers: 'z', agreementPoints: 'w' })).toEqual([
      'groupAnswers',
      'agreementPoints',
    ]);
  });
});

describe('loopStatus', () => {
  it('waits for the binôme until feedback is sent, then follows the group', () => {
    expect(loopStatus([])).toBe('WAITING_FOR_BINOME');
    expect(loopStatus(['DRAFT'])).toBe('WAITING_FOR_BINOME');
    expect(loopStatus(['SENT', 'DRAFT'])).toBe('FEEDBACK_SENT');
    expect(loopStatus(['DISCUSSED', 'SENT'])).toBe('FEEDBACK_SENT');
    expect(loopStatus(['DISCUSSED'])).toBe('DISCUSSED');
  });
});

describe('normalizeDoi', () => {
  it('accepts a DOI as written, a doi.org link or a doi: prefix', () => {
    expect(normalizeDoi('10.1016/j.jsr.2020.01.002')).toBe('10.1016/j.jsr.2020.01.002');
    expect(normalizeDoi('https://doi.org/10.1136/oemed-2019-106123')).toBe(
      '10.1136/oemed-2019-106123',
    );
    expect(normalizeDoi(' doi: 10.1007/s00420-019-01474-8 ')).toBe('10.1007/s00420-019-01474-8');
  });

  it('refuses what is not a DOI', () => {
    expect(normalizeDoi('10.12/x')).toBeNull();
    expect(normalizeDoi('Rapport INRS 2019')).toBeNull();
  });
});

describe('hoursBucketOf', () => {
  it('places hours against the threshold', () => {
    expect(hoursBucketOf(0, 18)).toBe('NONE');
    expect(hoursBucketOf(8.5, 18)).toBe('UNDER_HALF');
    expect(hoursBucketOf(9, 18)).toBe('UNDER_THRESHOLD');
    expect(hoursBucketOf(17.5, 18)).toBe('UNDER_THRESHOLD');
    expect(hoursBucketOf(18, 18)).toBe('THRESHOLD_MET');
  });
});

describe('isFeedbackQuestion', () => {
  it('accepts a question, refuses a judgement', () => {
    expect(isFeedbackQuestion('Le médecin traitant a-t-il été associé ? ')).toBe(true);
    expect(isFeedbackQuestion('Le groupe aurait dû demander une étude de poste.')).toBe(false);
  });
});
