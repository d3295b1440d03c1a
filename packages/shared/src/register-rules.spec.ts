import { formatParis, memberCompliance, programmeStatus } from './meetings';
import { planRotation, type RotationMember } from './rotation';
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

describe('meetings in Paris time', () => {
  it('shows the local time on the days daylight saving changes', () => {
    expect(formatParis(new Date('2026-03-29T16:00:00Z'))).toBe('29/03/2026 18:00');
    expect(formatParis(new Date('2026-10-25T17:00:00Z'))).toBe('25/10/2026 18:00');
    expect(formatParis(new Date('2026-03-28T17:00:00Z'))).toBe('28/03/2026 18:00');
  });
});

describe('programme and compliance', () => {
  it('measures a programme against the thresholds', () => {
    const status = programmeStatus([150, 150, 150, 150, 150], { minMeetings: 6, minHours: 18 });
    expect(status).toEqual({
      meetings: 5,
      hours: 12.5,
      meetsMeetings: false,
      meetsHours: false,
      shortfalls: ['5 réunion(s) sur 6 attendues.', '12.5 h sur 18 h attendues.'],
    });
  });

  it("computes a member's year and credits exactly", () => {
    const compliance = memberCompliance(
      { attended: 5, minutes: 5 * 150, animated: 1, reported: 1, presented: 2 },
      { minAttended: 5 },
      { creditsPerHour: 1, creditsPerCase: 2, creditsPerReport: 2 },
    );
    expect(compliance).toEqual({
      attended: 5,
      hours: 12.5,
      animated: 1,
      reported: 1,
      presented: 2,
      credits: 12.5 + 4 + 2,
      compliant: true,
      missing: [],
    });
    expect(
      memberCompliance(
        { attended: 3, minutes: 360, animated: 0, reported: 1, presented: 1 },
        { minAttended: 5 },
        { creditsPerHour: 1, creditsPerCase: 2, creditsPerReport: 2 },
      ).missing,
    ).toEqual(['2 réunion(s) à suivre (3/5).', 'Animer une réunion.']);
  });
});

describe('planRotation', () => {
  const members = (count: number): RotationMember[] =>
    Array.from({ length: count }, (_, index) => ({
      memberId: `m${index}`,
      name: `Membre ${String.fromCharCode(65 + index)}`,
      counts: { ANIMATOR: 0, SECRETARY: 0, PRESENTER: 0 },
    }));

  it('covers every member in every role over a year that allows it, fairly', () => {
    const plan = planRotation(members(8), 8);
    expect(plan.uncovered).toEqual([]);
    for (const role of ['animator', 'secretary'] as const) {
      expect(new Set(plan.proposals.map((proposal) => proposal[role])).size).toBe(8);
    }
    expect(new Set(plan.proposals.flatMap((proposal) => proposal.presenters)).size).toBe(8);
    for (const proposal of plan.proposals) {
      const people = [proposal.animator, proposal.secretary, ...proposal.presenters];
      expect(new Set(people).size).toBe(people.length);
    }
  });

  it('says who is missing what when the programme is too short', () => {
    const plan = planRotation(members(8), 6);
    expect(plan.uncovered.filter((gap) => gap.role === 'ANIMATOR')).toHaveLength(2);
    expect(plan.uncovered[0]!.message).toMatch(/trop peu de réunions/);
  });

  it('keeps the roles already given and fills only the rest', () => {
    const team = members(4);
    team[3]!.counts.PRESENTER = 1; // already presenting at that meeting
    const plan = planRotation(team, [{ animator: null, secretary: null, presenters: ['m3'] }]);
    expect(plan.proposals[0]!.presenters).toEqual(['m3']);
    expect(plan.proposals[0]!.animator).not.toBe('m3');
    expect(plan.proposals[0]!.secretary).toBeTruthy();
  });

  it('starts with whoever held a role least', () => {
    const team = members(3);
    team[0]!.counts.ANIMATOR = 2;
    team[1]!.counts.ANIMATOR = 1;
    expect(planRotation(team, 1).proposals[0]!.animator).toBe('m2');
  });
});
