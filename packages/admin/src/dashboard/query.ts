/** The dashboard query (packages/api/src/modules/dashboard): one request per year and scope. */
export const DASHBOARD_QUERY = `query Dashboard($year: Int, $societyId: ID) {
  dashboard(year: $year, societyId: $societyId) {
    year societyId activeGroups members meetingsPlanned meetingsHeld hoursHeld attendanceRate
    groupsBelowThreshold { groupId reasons group { id name society { code } } }
    membersBelowThreshold
    groupsWithoutBinome { id name }
    registrationsWaiting { id name }
    binomeItemsWaiting30 conventionsToChase
    meetingsPerMonth { month societyCode held planned }
    hoursDistribution { code label members }
    registrationsOverTime { month submitted registered }
  }
}`;

export interface Dashboard {
  year: number;
  societyId: string | null;
  activeGroups: number;
  members: number;
  meetingsPlanned: number;
  meetingsHeld: number;
  hoursHeld: number;
  attendanceRate: number;
  groupsBelowThreshold: {
    groupId: string;
    reasons: string[];
    group: { id: string; name: string; society?: { code: string } | null } | null;
  }[];
  membersBelowThreshold: number;
  groupsWithoutBinome: { id: string; name: string }[];
  registrationsWaiting: { id: string; name: string }[];
  binomeItemsWaiting30: number;
  conventionsToChase: number;
  meetingsPerMonth: { month: string; societyCode: string; held: number; planned: number }[];
  hoursDistribution: { code: string; label: string; members: number }[];
  registrationsOverTime: { month: string; submitted: number; registered: number }[];
}
