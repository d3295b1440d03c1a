import { DEFAULT_THRESHOLDS, validateThresholds } from './thresholds';
import { isPlausibleEmail, normalizeEmail, validateNewPassword } from './passwords';

describe('validateThresholds', () => {
  it("accepts E-Pairs' defaults", () => {
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS })).toEqual([]);
    expect(DEFAULT_THRESHOLDS).toEqual({
      minMeetings: 6,
      minHours: 18,
      minAttended: 5,
      minGroupMembers: 5,
      maxGroupMembers: 12,
    });
  });

  it('names the faulty field in French', () => {
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, minHours: 0 })).toEqual([
      {
        field: 'minHours',
        message: "Le nombre minimal d'heures doit être un entier entre 1 et 200.",
      },
    ]);
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, minMeetings: 2.5 })[0]?.field).toBe(
      'minMeetings',
    );
  });

  it('refuses inconsistent bounds', () => {
    expect(
      validateThresholds({ ...DEFAULT_THRESHOLDS, minGroupMembers: 8, maxGroupMembers: 6 }),
    ).toEqual([expect.objectContaining({ field: 'maxGroupMembers' })]);
    expect(validateThresholds({ ...DEFAULT_THRESHOLDS, minAttended: 7 })).toEqual([
      expect.objectContaining({ field: 'minAttended' }),
    ]);
  });
});

describe('passwords and e-mails', () => {
  it('asks for a long, non-trivial password', () => {
    expect(validateNewPassword('court')).toHaveLength(1);
    expect(validateNewPassword('aaaaaaaaaaaaaaaa')).toEqual([
      { field: 'password', message: 'Le mot de passe est trop répétitif.' },
    ]);
    expect(validateNewPassword('jean.dupont-2026!', 'jean.dupont@example.fr')).toHaveLength(1);
    expect(validateNewPassword('correct cheval agrafe batterie')).toEqual([]);
  });

  it('normalises and checks addresses', () => {
    expect(normalizeEmail('  Jean.Dupont@Example.FR ')).toBe('jean.dupont@example.fr');
    expect(isPlausibleEmail('jean@example.fr')).toBe(true);
    expect(isPlausibleEmail('jean@example')).toBe(false);
    expect(isPlausibleEmail('jean dupont@example.fr')).toBe(false);
  });
});
