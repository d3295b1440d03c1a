import { canMoveConvention } from './conventions';
import { canMoveGroup, registrationProblems, type RegistrationMember } from './groups';
import { hasValidLuhn, normalizeRpps, siretProblem } from './identifiers';

describe('normalizeRpps', () => {
  it('accepts 11 digits with a valid check digit, and the 12-character card form', () => {
    expect(normalizeRpps('10000000009')).toEqual({ ok: true, rpps: '10000000009' });
    expect(normalizeRpps(' 810 000 000 009 ')).toEqual({ ok: true, rpps: '10000000009' });
  });

  it('names what is wrong, in French', () => {
    const bad = (input: string) => {
      const result = normalizeRpps(input);
      return result.ok ? null : result.problem;
    };
    expect(bad('10000000008')).toEqual({
      field: 'rpps',
      message: expect.stringMatching(/clé de contrôle/),
    });
    expect(bad('1000000009')).toEqual({
      field: 'rpps',
      message: expect.stringMatching(/11 chiffres.*10 reçus/),
    });
    expect(bad('910000000009')).toEqual({
      field: 'rpps',
      message: expect.stringMatching(/commencer par 8/),
    });
    expect(bad('1000000000A')).toEqual({
      field: 'rpps',
      message: expect.stringMatching(/que des chiffres/),
    });
  });
});

describe('siretProblem', () => {
  it('checks length and key', () => {
    expect(siretProblem('73282932000074')).toBeNull();
    expect(siretProblem('73282932000075')).toEqual({
      field: 'siret',
      message: expect.stringMatching(/clé/),
    });
    expect(siretProblem('123')).toEqual({
      field: 'siret',
      message: 'Le SIRET compte 14 chiffres.',
    });
    expect(hasValidLuhn('79927398713')).toBe(true);
  });
});

describe('registrationProblems', () => {
  const bounds = { minGroupMembers: 5, maxGroupMembers: 12 };
  const member = (overrides: Partial<RegistrationMember> = {}): RegistrationMember => ({
    name: 'Jeanne Martin',
    profession: 'PHYSICIAN',
    role: 'MEMBER',
    charterAccepted: true,
    hasConvention: true,
    ...overrides,
  });
  const valid = () => [member({ role: 'RELAY' }), member(), member(), member(), member()];
  const codes = (kind: 'GAPEP' | 'GAPEM', members: RegistrationMember[]) =>
    registrationProblems(kind, members, bounds, 2026).map((problem) => problem.code);

  it('passes when every rule holds', () => {
    expect(codes('GAPEP', valid())).toEqual([]);
  });

  it('gives one reason per broken rule', () => {
    expect(codes('GAPEP', valid().slice(0, 4))).toEqual(['TOO_FEW_MEMBERS']);
    expect(codes('GAPEP', [...valid(), ...Array.from({ length: 8 }, () => member())])).toEqual([
      'TOO_MANY_MEMBERS',
    ]);
    expect(codes('GAPEP', [...valid(), member({ profession: 'NURSE' })])).toEqual([
      'PROFESSION_RULE',
    ]);
    expect(codes('GAPEM', valid())).toEqual(['PROFESSION_RULE']);
    expect(codes('GAPEM', [...valid(), member({ profession: 'NURSE' })])).toEqual([]);
    expect(
      codes(
        'GAPEP',
        valid().map((m) => ({ ...m, role: 'MEMBER' as const })),
      ),
    ).toEqual(['NO_RELAY_PERSON']);
    expect(
      codes('GAPEP', [...valid().slice(1), member({ role: 'RELAY', charterAccepted: false })]),
    ).toEqual(['CHARTER_NOT_ACCEPTED']);
    const problems = registrationProblems(
      'GAPEP',
      [...valid().slice(1), member({ name: 'Paul Roux', hasConvention: false, role: 'RELAY' })],
      bounds,
      2026,
    );
    expect(problems).toEqual([
      { code: 'NO_CONVENTION', message: 'Pas de convention 2026 pour : Paul Roux.' },
    ]);
  });

  it('applies the bounds it is given', () => {
    expect(codes('GAPEP', valid())).toEqual([]);
    expect(
      registrationProblems('GAPEP', valid(), { minGroupMembers: 6, maxGroupMembers: 12 }, 2026)[0]
        ?.code,
    ).toBe('TOO_FEW_MEMBERS');
  });
});

describe('workflows', () => {
  it('moves conventions and groups only along their paths', () => {
    expect(canMoveConvention('DRAFT', 'SENT')).toBe(true);
    expect(canMoveConvention('DRAFT', 'ACTIVE')).toBe(false);
    expect(canMoveConvention('CLOSED', 'CANCELLED')).toBe(false);
    expect(canMoveGroup('FORMING', 'SUBMITTED')).toBe(true);
    expect(canMoveGroup('FORMING', 'REGISTERED')).toBe(false);
    expect(canMoveGroup('SUSPENDED', 'ACTIVE')).toBe(true);
    expect(canMoveGroup('CLOSED', 'ACTIVE')).toBe(false);
  });
});
