/** The binôme workspace's queries: content fields are asked here only (the binôme reads them). */
export const FEEDBACK_FIELDS = `id status questions remarks confidential createdAt sentAt cosignedAt discussedAt response
  authorUserId cosignedByUserId author { id firstName lastName } cosignedBy { id firstName lastName } reportId caseId reportEdition version`;

export const QUEUE_QUERY = `query Queue { binomeQueue {
  kind id groupId reportId caseId since ageDays loopStatus
  group { id name society { code } }
  report { id edition validatedAt meeting { startsAt } }
  clinicalCase { id title submittedAt }
  feedback { id status }
} }`;

export const REPORT_QUERY = `query Report($id: ID!) { MeetingReport(id: $id) {
  id groupId edition status confidential validatedAt loopStatus
  meeting { id startsAt title group { id name } }
  casesDiscussed problemsIdentified groupAnswers agreementPoints disagreementPoints
  attendees { memberId name approvedAt }
  references { id kind citation url doi year }
  improvementActions { id description status dueOn owner { firstName lastName } }
  binomeFeedback { ${FEEDBACK_FIELDS} }
} }`;

export const CASE_QUERY = `query Case($id: ID!) { ClinicalCase(id: $id) {
  id groupId title status confidential submittedAt loopStatus situationKind origin
  themes { id labelFr labelEn }
  workSituation clinicalDiagnosis exposures healthWorkLink linkStrength informationAndAlert questionsRaised
  references { id kind citation url doi year }
  binomeFeedback { ${FEEDBACK_FIELDS} }
} }`;

export const GROUP_LOOP_QUERY = `query Loop($groupId: ID!) {
  PeerGroup(id: $groupId) { id name society { code } }
  groupBinomeFeedback(groupId: $groupId) { ${FEEDBACK_FIELDS} }
}`;

export interface Feedback {
  id: string;
  status: 'DRAFT' | 'SENT' | 'DISCUSSED';
  questions: string[] | null;
  remarks: string | null;
  confidential: boolean;
  createdAt: string;
  sentAt: string | null;
  cosignedAt: string | null;
  discussedAt: string | null;
  response: string | null;
  authorUserId: string;
  cosignedByUserId: string | null;
  author: { firstName: string; lastName: string } | null;
  cosignedBy: { firstName: string; lastName: string } | null;
  reportId: string | null;
  caseId: string | null;
  reportEdition: number | null;
  version: number;
}

export interface QueueItem {
  kind: 'REPORT' | 'CASE';
  id: string;
  groupId: string;
  reportId: string | null;
  caseId: string | null;
  since: string;
  ageDays: number;
  loopStatus: string;
  group: { id: string; name: string; society?: { code: string } | null } | null;
  report: {
    id: string;
    edition: number;
    validatedAt: string | null;
    meeting: { startsAt: string } | null;
  } | null;
  clinicalCase: { id: string; title: string | null; submittedAt: string | null } | null;
  feedback: { id: string; status: string }[];
}
