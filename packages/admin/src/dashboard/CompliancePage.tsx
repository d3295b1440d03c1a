import {
  Alert,
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading, Title, useTranslate } from 'react-admin';
import { useGraphQL } from '../common/useGraphQL';

interface Row {
  memberId: string;
  attended: number;
  minAttended: number;
  hours: number;
  missing: string[];
  member: {
    id: string;
    firstName: string | null;
    lastName: string | null;
    society?: { code: string } | null;
  } | null;
}

/**
 * complianceReport: the members behind the dashboard's « members below thresholds » (onlyShort),
 * or behind one bar of the hours chart (hoursBucket).
 */
export default function CompliancePage() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const societyId = params.get('societyId');
  // From the hours chart: every member of one bucket; otherwise those short of thresholds.
  const hoursBucket = params.get('hoursBucket');
  const { data, isPending, error } = useGraphQL<{ complianceReport: Row[] }>(
    ['compliance', year, societyId, hoursBucket],
    `query Compliance($filter: ComplianceFilter) { complianceReport(filter: $filter) {
       memberId attended minAttended hours missing member { id firstName lastName society { code } } } }`,
    {
      filter: hoursBucket ? { year, societyId, hoursBucket } : { year, societyId, onlyShort: true },
    },
  );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('epairs.compliance.title')} />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        {translate('epairs.compliance.title')} — {year}
        {hoursBucket ? ` — ${translate(`epairs.compliance.bucket.${hoursBucket}`)}` : ''}
      </Typography>
      {isPending && <Loading />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && data.complianceReport.length === 0 && (
        <Alert severity="success">{translate('epairs.empty')}</Alert>
      )}
      {data && data.complianceReport.length > 0 && (
        <Table size="small" data-testid="compliance-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('epairs.compliance.member')}</TableCell>
              <TableCell>{translate('epairs.society')}</TableCell>
              <TableCell>{translate('epairs.compliance.attended')}</TableCell>
              <TableCell>{translate('epairs.compliance.hours')}</TableCell>
              <TableCell>{translate('epairs.compliance.missing')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.complianceReport.map((row) => (
              <TableRow key={row.memberId}>
                <TableCell>
                  <Link to={`/Member/${row.memberId}/show`}>
                    {row.member
                      ? `${row.member.lastName ?? ''} ${row.member.firstName ?? ''}`
                      : row.memberId}
                  </Link>
                </TableCell>
                <TableCell>{row.member?.society?.code ?? ''}</TableCell>
                <TableCell>
                  {row.attended} / {row.minAttended}
                </TableCell>
                <TableCell>{row.hours}</TableCell>
                <TableCell>{row.missing.join(' ; ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
