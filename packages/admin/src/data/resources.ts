/**
 * What the console asks for, per resource: explicit selections (never "every field": that would
 * ask for content, nested lists and costly computed fields), the sort fields the API allows, and
 * the mutations behind create/update. Content fields (case and report texts, feedback) are in no
 * selection here: administrators never request them (the binôme workspace has its own queries).
 */
export interface ResourceSpec {
  /** Selection for lists and references. */
  list: string;
  /** Selection for show and edit pages (defaults to list). */
  one?: string;
  /** Fields the API sorts on (packages/api, `sortable` of each service). */
  sortable: string[];
  defaultSort: { field: string; order: 'ASC' | 'DESC' };
  /** Mutation for create; default `create<Type>`. */
  create?: string;
  /** Mutation for update; default `update<Type>`. */
  update?: string;
}

const SOCIETY_REF = 'society { id code name }';
const MEMBER_NAME = 'id firstName lastName';

export const RESOURCES: Record<string, ResourceSpec> = {
  Society: {
    list: 'id code name region createdAt updatedAt version',
    sortable: ['code', 'name', 'region', 'createdAt'],
    defaultSort: { field: 'code', order: 'ASC' },
  },
  Employer: {
    list: `id name city siret societyId ${SOCIETY_REF} createdAt version`,
    sortable: ['name', 'city', 'createdAt'],
    defaultSort: { field: 'name', order: 'ASC' },
  },
  Member: {
    list: `id firstName lastName email rpps profession status region societyId ${SOCIETY_REF} employerId employer { id name } createdAt version`,
    one: `id firstName lastName email rpps profession status region societyId ${SOCIETY_REF} employerId employer { id name city }
      charter { acceptedAt acceptedVersion currentVersion upToDate }
      memberships { id groupId role joinedOn group { id name status } }
      createdAt updatedAt version`,
    sortable: ['lastName', 'firstName', 'email', 'profession', 'status', 'createdAt'],
    defaultSort: { field: 'lastName', order: 'ASC' },
  },
  PeerGroup: {
    list: `id name kind status entryPoint societyId ${SOCIETY_REF} submittedAt registeredAt createdAt version
      relay { id member { ${MEMBER_NAME} } } binomes { id userId user { id firstName lastName } }`,
    one: `id name kind status entryPoint drawMode meetingPlace reportValidationRule societyId ${SOCIETY_REF}
      submittedAt registeredAt createdAt updatedAt version
      themes { id code labelFr labelEn }
      relay { id memberId member { ${MEMBER_NAME} } }
      memberships { id memberId role joinedOn member { ${MEMBER_NAME} profession status charter { upToDate } } }
      binomes { id userId assignedAt user { id firstName lastName email } }`,
    sortable: ['name', 'status', 'createdAt', 'registeredAt'],
    defaultSort: { field: 'name', order: 'ASC' },
  },
  Meeting: {
    list: `id title startsAt endsAt durationMinutes mode status place groupId societyId group { id name } sheetClosedAt version`,
    one: `id title startsAt endsAt durationMinutes mode status place link cancelReason groupId societyId
      group { id name } sheetClosedAt createdAt updatedAt version
      roles { id role memberId member { ${MEMBER_NAME} } }
      attendance { id memberId status method signedAt correctionReason member { ${MEMBER_NAME} } }
      agenda { presentations { id role member { ${MEMBER_NAME} } } }
      sheetPdfUrl sheetCsvUrl`,
    sortable: ['startsAt', 'status', 'createdAt'],
    defaultSort: { field: 'startsAt', order: 'DESC' },
  },
  Attestation: {
    list: `id code year memberId memberName credits totalHours meetingsAttended issuedAt revoked revokedAt revokedReason societyId ${SOCIETY_REF}`,
    one: `id code year memberId memberName credits totalHours meetingsAttended issuedAt revoked revokedAt revokedReason societyId ${SOCIETY_REF} downloadUrl verificationUrl`,
    sortable: ['issuedAt', 'year', 'revokedAt', 'lastName'],
    defaultSort: { field: 'issuedAt', order: 'DESC' },
    create: 'issueAttestation',
  },
  AuditEvent: {
    list: `id action entityType entityId changedFields occurredAt requestId actorUserId actor { id firstName lastName email } societyId ${SOCIETY_REF}`,
    sortable: ['occurredAt', 'action', 'entityType'],
    defaultSort: { field: 'occurredAt', order: 'DESC' },
  },
  CharterVersion: {
    list: 'id number title publishedAt',
    one: 'id number title body publishedAt',
    sortable: ['number', 'publishedAt'],
    defaultSort: { field: 'number', order: 'DESC' },
    create: 'publishCharterVersion',
  },
  Convention: {
    list: `id year status memberId member { ${MEMBER_NAME} } employerId employer { id name } societyId minSessions minHours sentAt signedAt activatedAt closedAt cancelledAt cancelReason updatedAt version`,
    sortable: ['year', 'status', 'updatedAt'],
    defaultSort: { field: 'year', order: 'DESC' },
  },
  Theme: {
    list: 'id code labelFr labelEn period sortOrder active version',
    sortable: ['sortOrder', 'code', 'labelFr'],
    defaultSort: { field: 'sortOrder', order: 'ASC' },
  },
  SocietySetting: {
    list: `id year societyId ${SOCIETY_REF} minMeetings minHours minAttended minGroupMembers maxGroupMembers updatedAt version`,
    sortable: ['year', 'updatedAt'],
    defaultSort: { field: 'year', order: 'DESC' },
  },
  CreditRule: {
    list: 'id year societyId creditsPerHour creditsPerCase creditsPerReport updatedAt version',
    sortable: ['year', 'updatedAt'],
    defaultSort: { field: 'year', order: 'DESC' },
  },
  User: {
    list: `id firstName lastName email status locale societyId lastLoginAt version`,
    sortable: ['lastName', 'firstName', 'email', 'status', 'createdAt', 'lastLoginAt'],
    defaultSort: { field: 'lastName', order: 'ASC' },
  },
};
