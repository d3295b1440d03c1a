/** Professions of members (médecin du travail, infirmier(e) en santé au travail). */
export const PROFESSIONS = ['PHYSICIAN', 'NURSE'] as const;
export type Profession = (typeof PROFESSIONS)[number];

/**
 * Roles a person can hold at once (see DOMAIN.md). The first three are granted explicitly
 * (`RoleGrant`); relay person, physician and nurse follow from group memberships and the member
 * profile.
 */
export const ROLES = [
  'FEDERATION_ADMIN',
  'SOCIETY_ADMIN',
  'BINOME',
  'RELAY_PERSON',
  'PHYSICIAN',
  'NURSE',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles stored as grants; the others are derived. */
export const GRANTED_ROLES = ['FEDERATION_ADMIN', 'SOCIETY_ADMIN', 'BINOME'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

/** Grants that apply within one society (the others are federation-wide). */
export const SOCIETY_SCOPED_ROLES: readonly GrantedRole[] = ['SOCIETY_ADMIN'];

/** Everything the rules need to know about the person making a request. */
export interface AuthUser {
  id: string;
  /** Home society (tenant); null for federation staff without one. */
  societyId: string | null;
  federationAdmin: boolean;
  /** Societies this person administers. */
  adminSocietyIds: string[];
  /** Federation-appointed correspondent, available for binôme assignments. */
  binome: boolean;
  /** The member profile (physicians and nurses); null for staff without one. */
  memberId: string | null;
  profession: Profession | null;
  /** Groups this person belongs to, leads as relay person, or accompanies as binôme. */
  memberGroupIds: string[];
  relayGroupIds: string[];
  binomeGroupIds: string[];
}

/** The roles an `AuthUser` holds, for display and for the UIs' menus. */
export function rolesOf(user: AuthUser): Role[] {
  const roles: Role[] = [];
  if (user.federationAdmin) roles.push('FEDERATION_ADMIN');
  if (user.adminSocietyIds.length > 0) roles.push('SOCIETY_ADMIN');
  if (user.binome || user.binomeGroupIds.length > 0) roles.push('BINOME');
  if (user.relayGroupIds.length > 0) roles.push('RELAY_PERSON');
  if (user.profession) roles.push(user.profession);
  return roles;
}

/** A person with no role at all: the starting point for building an `AuthUser`. */
export function emptyAuthUser(id: string, societyId: string | null): AuthUser {
  return {
    id,
    societyId,
    federationAdmin: false,
    adminSocietyIds: [],
    binome: false,
    memberId: null,
    profession: null,
    memberGroupIds: [],
    relayGroupIds: [],
    binomeGroupIds: [],
  };
}

/** Whether this person administers a society's register: E-Pairs, or that society's admin. */
export function administers(user: AuthUser, societyId: string | null): boolean {
  return user.federationAdmin || (societyId !== null && user.adminSocietyIds.includes(societyId));
}

/** Whether this person runs a group: its relay person, or an administrator of its society. */
export function runsGroup(user: AuthUser, group: { id: string; societyId: string }): boolean {
  return user.relayGroupIds.includes(group.id) || administers(user, group.societyId);
}
