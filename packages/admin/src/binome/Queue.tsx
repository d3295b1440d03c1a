import {
  Alert,
  Box,
  Chip,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link } from 'react-router-dom';
import { Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import { formatParis } from '../common/fields';
import { useGraphQL } from '../common/useGraphQL';
import { QUEUE_QUERY, type QueueItem } from './queries';

/** The binôme's queue: validated reports and submitted cases of its groups, oldest first. */
export function Queue() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useGraphQL<{ binomeQueue: QueueItem[] }>(
    ['binomeQueue'],
    QUEUE_QUERY,
  );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('epairs.binome.title')} />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        {translate('epairs.binome.queue')}
      </Typography>
      {isPending && <Loading />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && data.binomeQueue.length === 0 && (
        <Alert severity="info">{translate('epairs.binome.queue_empty')}</Alert>
      )}
      {data && data.binomeQueue.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="binome-queue">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.PeerGroup.name', { smart_count: 1 })}</TableCell>
                <TableCell>{translate('epairs.binome.read')}</TableCell>
                <TableCell>{translate('epairs.binome.age')}</TableCell>
                <TableCell>{translate('resources.PeerGroup.fields.status')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.binomeQueue.map((item) => {
                const to =
                  item.kind === 'REPORT'
                    ? `/binome/report/${item.reportId}`
                    : `/binome/case/${item.caseId}`;
                const what =
                  item.kind === 'REPORT'
                    ? `${translate('epairs.binome.kind_REPORT')} — ${formatParis(item.report?.meeting?.startsAt, locale)}`
                    : `${translate('epairs.binome.kind_CASE')} — ${item.clinicalCase?.title ?? ''}`;
                return (
                  <TableRow key={`${item.kind}-${item.id}`} data-testid={`queue-${item.kind}`}>
                    <TableCell>
                      <MuiLink component={Link} to={`/binome/group/${item.groupId}`}>
                        {item.group?.name ?? item.groupId}
                      </MuiLink>
                    </TableCell>
                    <TableCell>
                      <MuiLink component={Link} to={to}>
                        {what}
                      </MuiLink>
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={item.ageDays > 30 ? 'warning' : 'default'}
                        label={translate('epairs.binome.days', { smart_count: item.ageDays })}
                      />
                    </TableCell>
                    <TableCell data-testid="loop-status">
                      {translate(`epairs.enums.LoopStatus.${item.loopStatus}`)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
