import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { Loading, useRecordContext, useTranslate } from 'react-admin';
import { useGraphQL } from '../common/useGraphQL';

interface ProgrammeStatus {
  meetings: number;
  hours: number;
  meetsMeetings: boolean;
  meetsHours: boolean;
  shortfalls: string[];
}

/** The year's programme against the thresholds: why a group is below them. */
export function Programme() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const { data, isPending, error } = useGraphQL<{
    PeerGroup: {
      membersBelowThreshold: number | null;
      programme: { year: number; planned: ProgrammeStatus; held: ProgrammeStatus } | null;
    } | null;
  }>(
    ['programme', record?.id],
    `query Programme($id: ID!) { PeerGroup(id: $id) { membersBelowThreshold
       programme { year planned { meetings hours meetsMeetings meetsHours shortfalls } held { meetings hours meetsMeetings meetsHours shortfalls } } } }`,
    { id: record?.id },
    { enabled: Boolean(record?.id) },
  );
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const programme = data?.PeerGroup?.programme;
  if (!programme) return null;
  const reasons = [...new Set([...programme.planned.shortfalls, ...programme.held.shortfalls])];
  return (
    <Box data-testid="programme">
      <Typography component="h2" variant="h6">
        {translate('epairs.groups.programme')} {programme.year}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }} useFlexGap>
        <Chip
          label={`${translate('epairs.dashboard.meetings_planned')} : ${programme.planned.meetings}`}
        />
        <Chip
          label={`${translate('epairs.dashboard.meetings_held')} : ${programme.held.meetings}`}
        />
        <Chip label={`${translate('epairs.dashboard.hours_held')} : ${programme.held.hours}`} />
        {data?.PeerGroup?.membersBelowThreshold != null && (
          <Chip
            label={`${translate('epairs.dashboard.members_below')} : ${data.PeerGroup.membersBelowThreshold}`}
          />
        )}
      </Stack>
      {reasons.length > 0 ? (
        <Alert severity="warning" data-testid="programme-reasons">
          <strong>{translate('epairs.groups.below')}</strong>
          <ul style={{ margin: 0 }}>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <Alert severity="success">OK</Alert>
      )}
    </Box>
  );
}
