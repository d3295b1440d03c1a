import type { SessionRole } from './meetings';

export interface RotationMember {
  memberId: string;
  name: string;
  /** Times this member already held each role this year (held or planned meetings). */
  counts: Record<SessionRole, number>;
}

export interface RotationProposal {
  animator: string | null;
  secretary: string | null;
  presenters: string[];
}

export interface RotationPlan {
  /** One proposal per upcoming meeting, in order. */
  proposals: RotationProposal[];
  /** Members who would still not hold a role after the plan, with the role, in French. */
  uncovered: { memberId: string; name: string; role: SessionRole; message: string }[];
}

const ROLE_LABELS: Record<SessionRole, string> = {
  ANIMATOR: 'animer',
  SECRETARY: 'rédiger le compte-rendu',
  PRESENTER: 'présenter une situation',
};

/**
 * Proposes animator, secretary and presenters for the upcoming meetings so that over the year
 * each member holds each role at least once, as evenly as possible: for each meeting and role,
 * the member who held that role least (ties broken by fewest roles overall, then by name), never
 * two roles to one person at one meeting when it can be avoided. Roles already given at a meeting
 * are kept (and already counted by the caller). Deterministic.
 */
export function planRotation(
  members: RotationMember[],
  upcomingMeetings: number | RotationProposal[],
  presentersPerMeeting = 1,
): RotationPlan {
  // Roles already given at a meeting stay; the planner fills only what is missing.
  const filled: RotationProposal[] =
    typeof upcomingMeetings === 'number'
      ? Array.from({ length: upcomingMeetings }, () => ({
          animator: null,
          secretary: null,
          presenters: [],
        }))
      : upcomingMeetings;
  const counts = new Map(members.map((member) => [member.memberId, { ...member.counts }]));
  const total = (id: string) => {
    const c = counts.get(id)!;
    return c.ANIMATOR + c.SECRETARY + c.PRESENTER;
  };
  const pick = (role: SessionRole, taken: Set<string>): string | null => {
    const candidates = members
      .filter((member) => !taken.has(member.memberId))
      .sort(
        (a, b) =>
          counts.get(a.memberId)![role] - counts.get(b.memberId)![role] ||
          total(a.memberId) - total(b.memberId) ||
          a.name.localeCompare(b.name, 'fr') ||
          a.memberId.localeCompare(b.memberId),
      );
    const chosen = candidates[0]?.memberId ?? null;
    if (chosen) {
      counts.get(chosen)![role] += 1;
      taken.add(chosen);
    }
    return chosen;
  };
  const proposals: RotationProposal[] = [];
  for (const given of filled) {
    const taken = new Set<string>([
      ...(given.animator ? [given.animator] : []),
      ...(given.secretary ? [given.secretary] : []),
      ...given.presenters,
    ]);
    const animator = given.animator ?? pick('ANIMATOR', taken);
    const secretary = given.secretary ?? pick('SECRETARY', taken);
    const presenters = [...given.presenters];
    while (presenters.length < presentersPerMeeting) {
      const presenter = pick('PRESENTER', taken);
      if (!presenter) break;
      presenters.push(presenter);
    }
    proposals.push({ animator, secretary, presenters });
  }
  const uncovered: RotationPlan['uncovered'] = [];
  for (const member of members) {
    for (const role of ['ANIMATOR', 'SECRETARY', 'PRESENTER'] as const) {
      if (counts.get(member.memberId)![role] === 0) {
        uncovered.push({
          memberId: member.memberId,
          name: member.name,
          role,
          message: `${member.name} n'aura pas l'occasion de ${ROLE_LABELS[role]} cette année : le programme compte trop peu de réunions.`,
        });
      }
    }
  }
  return { proposals, uncovered };
}
