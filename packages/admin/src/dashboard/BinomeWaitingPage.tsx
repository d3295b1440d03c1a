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

interface Item {
  kind: 'REPORT' | 'CASE';
  id: string;
  groupId: string;
  ageDays: number;
  since: string;
  group: { name: string; society: { code: string } | null } | null;
}

/**
 * The list behind the dashboard's « binôme items waiting over 30 days »: validated reports and
 * submitted cases with no feedback sent yet, oldest first (metadata only).
 */
export default function BinomeWaitingPage() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const societyId = params.get('societyId');
  const { data, isPending, error } = useGraphQL<{ binomeQueue: Item[] }>(
    ['binome-waiting', societyId],
    `query BinomeWaiting($societyId: ID) {
       binomeQueue(waitingOnly: true, olderThanDays: 30, societyId: $societyId) {
         kind id groupId ageDays since group { name society { code } } } }`,
    { societyId },
  );
  const title = translate('epairs.dashboard.binome_waiting');
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={title} />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {isPending && <Loading />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && data.binomeQueue.length === 0 && (
        <Alert severity="success">{translate('epairs.empty')}</Alert>
      )}
      {data && data.binomeQueue.length > 0 && (
        <Table size="small" data-testid="binome-waiting-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('epairs.binome_waiting.group')}</TableCell>
              <TableCell>{translate('epairs.society')}</TableCell>
              <TableCell>{translate('epairs.binome_waiting.kind')}</TableCell>
              <TableCell>{translate('epairs.binome_waiting.age')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.binomeQueue.map((item) => (
              <TableRow key={item.id}>
                <TableCell>
                  <Link to={`/PeerGroup/${item.groupId}/show`}>
                    {item.group?.name ?? item.groupId}
                  </Link>
                </TableCell>
                <TableCell>{item.group?.society?.code ?? ''}</TableCell>
                <TableCell>{translate(`epairs.binome_waiting.${item.kind}`)}</TableCell>
                <TableCell>
                  {translate('epairs.binome_waiting.days', { smart_count: item.ageDays })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
