import { parisInstant, parisLocal } from './dates';

describe('Paris wall-clock times', () => {
  it('reads a winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(parisInstant('2027-01-14T18:30')).toBe('2027-01-14T17:30:00.000Z');
    expect(parisInstant('2027-07-14T18:30')).toBe('2027-07-14T16:30:00.000Z');
  });

  it('keeps the wall time across the change to summer time (last Sunday of March)', () => {
    expect(parisInstant('2027-03-28T01:30')).toBe('2027-03-28T00:30:00.000Z');
    expect(parisInstant('2027-03-28T03:30')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('gives back the wall time it was given', () => {
    for (const local of ['2027-01-14T18:30', '2027-07-14T09:05', '2027-10-31T03:15']) {
      expect(parisLocal(parisInstant(local))).toBe(local);
    }
  });
});
