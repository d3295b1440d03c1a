import { subject } from '@casl/ability';
import {
  abilityFor,
  createAppAbility,
  defineRulesFor,
  packAppRules,
  unpackAppRules,
} from './permissions';
import { emptyAuthUser, rolesOf, type AuthUser } from './roles';

const SOCIETY_A = '00000000-0000-4000-8000-00000000000a';
const SOCIETY_B = '00000000-0000-4000-8000-00000000000b';

function user(overrides: Partial<AuthUser> = {}): AuthUser {
  return { ...emptyAuthUser('10000000-0000-4000-8000-000000000001', SOCIETY_A), ...overrides };
}

describe('defineRulesFor', () => {
  it('lets a plain member read and edit only their own account, never the audit log', () => {
    const ability = abilityFor(user());
    expect(
      ability.can(
        'read',
        subject('User', { id: user().id, societyId: SOCIETY_A, status: 'ACTIVE' }),
      ),
    ).toBe(true);
    expect(
      ability.can(
        'read',
        subject('User', { id: 'someone-else', societyId: SOCIETY_A, status: 'ACTIVE' }),
      ),
    ).toBe(false);
    expect(
      ability.can(
        'update',
        subject('User', { id: user().id, societyId: SOCIETY_A, status: 'ACTIVE' }),
        'firstName',
      ),
    ).toBe(true);
    expect(
      ability.can(
        'update',
        subject('User', { id: user().id, societyId: SOCIETY_A, status: 'ACTIVE' }),
        'email',
      ),
    ).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
    expect(ability.can('create', 'Society')).toBe(false);
  });

  it("shows a member their own society's thresholds and not another's", () => {
    const ability = abilityFor(user());
    expect(ability.can('read', subject('SocietySetting', { id: 's1', societyId: SOCIETY_A }))).toBe(
      true,
    );
    expect(ability.can('read', subject('SocietySetting', { id: 's2', societyId: SOCIETY_B }))).toBe(
      false,
    );
  });

  it('confines a society admin to its own society', () => {
    const ability = abilityFor(user({ adminSocietyIds: [SOCIETY_A] }));
    expect(
      ability.can('read', subject('User', { id: 'x', societyId: SOCIETY_A, status: 'ACTIVE' })),
    ).toBe(true);
    expect(
      ability.can('read', subject('User', { id: 'y', societyId: SOCIETY_B, status: 'ACTIVE' })),
    ).toBe(false);
    expect(
      ability.can('update', subject('SocietySetting', { id: 's', societyId: SOCIETY_B })),
    ).toBe(false);
    expect(ability.can('read', subject('AuditEvent', { id: '1', societyId: SOCIETY_A }))).toBe(
      true,
    );
    expect(ability.can('read', subject('AuditEvent', { id: '2', societyId: SOCIETY_B }))).toBe(
      false,
    );
    expect(ability.can('update', subject('Society', { id: SOCIETY_A }), 'name')).toBe(true);
    // The e-mail of an active account is out of an administrator's reach; of an invitation, not.
    const active = subject('User', { id: 'x', societyId: SOCIETY_A, status: 'ACTIVE' });
    const invited = subject('User', { id: 'x', societyId: SOCIETY_A, status: 'INVITED' });
    expect(ability.can('update', active, 'email')).toBe(false);
    expect(ability.can('update', active, 'status')).toBe(true);
    expect(ability.can('update', invited, 'email')).toBe(true);
    expect(ability.can('update', subject('Society', { id: SOCIETY_A }), 'code')).toBe(false);
    expect(ability.can('create', 'Society')).toBe(false);
    expect(ability.can('create', 'RoleGrant')).toBe(false);
  });

  it('gives a federation admin the whole federation but no way to drop its own admin grant', () => {
    const admin = user({ federationAdmin: true, societyId: null });
    const ability = abilityFor(admin);
    expect(ability.can('create', 'Society')).toBe(true);
    expect(ability.can('read', subject('AuditEvent', { id: '1', societyId: SOCIETY_B }))).toBe(
      true,
    );
    expect(
      ability.can(
        'delete',
        subject('RoleGrant', {
          id: 'g',
          userId: admin.id,
          societyId: null,
          role: 'FEDERATION_ADMIN',
        }),
      ),
    ).toBe(false);
    expect(
      ability.can(
        'delete',
        subject('RoleGrant', {
          id: 'g',
          userId: 'other',
          societyId: null,
          role: 'FEDERATION_ADMIN',
        }),
      ),
    ).toBe(true);
    // The audit log is append-only, for everyone.
    expect(ability.can('delete', 'AuditEvent')).toBe(false);
    expect(ability.can('update', 'AuditEvent')).toBe(false);
  });

  it('lets admins issue attestations in their societies, E-Pairs alone revoke, a member read its own', () => {
    const ofA = (memberId: string) =>
      subject('Attestation', { id: 'a', societyId: SOCIETY_A, memberId });
    const ofB = subject('Attestation', { id: 'b', societyId: SOCIETY_B, memberId: 'm-b' });
    const member = abilityFor(
      user({ memberId: 'm-a', memberGroupIds: ['g'], relayGroupIds: ['g'] }),
    );
    expect(member.can('read', ofA('m-a'))).toBe(true);
    expect(member.can('read', ofA('m-other'))).toBe(false);
    expect(member.can('create', 'Attestation')).toBe(false);
    expect(member.can('delete', ofA('m-a'))).toBe(false);
    const admin = abilityFor(user({ adminSocietyIds: [SOCIETY_A] }));
    expect(admin.can('create', ofA('m-other'))).toBe(true);
    expect(admin.can('read', ofA('m-other'))).toBe(true);
    expect(admin.can('create', ofB)).toBe(false);
    expect(admin.can('read', ofB)).toBe(false);
    expect(admin.can('delete', ofA('m-other'))).toBe(false);
    const federation = abilityFor(user({ federationAdmin: true }));
    expect(federation.can('create', ofB)).toBe(true);
    expect(federation.can('delete', ofB)).toBe(true);
  });

  it('survives packing for the clients', () => {
    const rules = defineRulesFor(user({ adminSocietyIds: [SOCIETY_A] }));
    const restored = createAppAbility(unpackAppRules(packAppRules(rules)));
    expect(
      restored.can('read', subject('User', { id: 'x', societyId: SOCIETY_A, status: 'ACTIVE' })),
    ).toBe(true);
    expect(
      restored.can('read', subject('User', { id: 'x', societyId: SOCIETY_B, status: 'ACTIVE' })),
    ).toBe(false);
  });
});

describe('rolesOf', () => {
  it('combines roles', () => {
    expect(
      rolesOf(user({ adminSocietyIds: [SOCIETY_A], relayGroupIds: ['g'], profession: 'NURSE' })),
    ).toEqual(['SOCIETY_ADMIN', 'RELAY_PERSON', 'NURSE']);
    expect(rolesOf(user())).toEqual([]);
  });
});

describe('thesaurus entries', () => {
  const entry = (groupId: string, status: string) =>
    subject('ThesaurusEntry', { id: 'e', societyId: SOCIETY_A, groupId, status });

  it('lets the binôme propose, edit while proposed and withdraw; nobody else of the group', () => {
    const binome = abilityFor(user({ binome: true, binomeGroupIds: ['g1'] }));
    expect(binome.can('create', entry('g1', 'PROPOSED'))).toBe(true);
    expect(binome.can('create', entry('g2', 'PROPOSED'))).toBe(false);
    expect(binome.can('update', entry('g1', 'PROPOSED'))).toBe(true);
    expect(binome.can('update', entry('g1', 'PUBLISHED'))).toBe(false);
    expect(binome.can('delete', entry('g1', 'PUBLISHED'))).toBe(true);
    expect(binome.can('publish', entry('g1', 'PROPOSED'))).toBe(false);
    const member = abilityFor(user({ memberId: 'm1', memberGroupIds: ['g1'] }));
    expect(member.can('read', entry('g1', 'PROPOSED'))).toBe(true);
    expect(member.can('create', 'ThesaurusEntry')).toBe(false);
    expect(member.can('publish', entry('g1', 'PROPOSED'))).toBe(false);
  });

  it('lets the relay person alone publish its group’s proposals', () => {
    const relay = abilityFor(
      user({ memberId: 'm1', memberGroupIds: ['g1'], relayGroupIds: ['g1'] }),
    );
    expect(relay.can('publish', entry('g1', 'PROPOSED'))).toBe(true);
    expect(relay.can('publish', entry('g2', 'PROPOSED'))).toBe(false);
    expect(relay.can('publish', entry('g1', 'WITHDRAWN'))).toBe(false);
  });

  it('opens published entries to every federation role, proposals to none of them', () => {
    for (const reader of [
      user({ memberId: 'm9', memberGroupIds: ['g9'] }),
      user({ binome: true }),
      user({ adminSocietyIds: [SOCIETY_B] }),
      user({ federationAdmin: true }),
    ]) {
      const ability = abilityFor(reader);
      expect(ability.can('read', entry('g1', 'PUBLISHED'))).toBe(true);
      expect(ability.can('read', entry('g1', 'PROPOSED'))).toBe(false);
    }
    expect(abilityFor(user()).can('read', 'ThesaurusEntry')).toBe(false);
    const federation = abilityFor(user({ federationAdmin: true }));
    expect(federation.can('delete', entry('g1', 'PUBLISHED'))).toBe(true);
    expect(federation.can('delete', entry('g1', 'PROPOSED'))).toBe(false);
  });
});
