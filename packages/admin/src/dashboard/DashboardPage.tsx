import {
  Alert,
  Box,
  FormControl,
  Grid,
  InputLabel,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  MenuItem,
  Select,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Loading,
  Title,
  useGetList,
  useLocaleState,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../auth/ability';
import { useGraphQL } from '../common/useGraphQL';
import { HoursDistribution, MeetingsPerMonth, RegistrationsOverTime } from './Charts';
import { Figure } from './Figure';
import { binomeWaitingUrl, complianceUrl, listUrl } from './links';
import { DASHBOARD_QUERY, type Dashboard } from './query';

const currentYear = Number(
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);

/**
 * The federation dashboard (all societies, or one) and the society dashboard (its own society,
 * plus its conventions to chase). Every figure links to the filtered list behind it.
 */
export default function DashboardPage() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const federation = permissions?.roles.includes('FEDERATION_ADMIN') ?? false;
  const [year, setYear] = useState(currentYear);
  const [societyId, setSocietyId] = useState<string>('');
  const { data: societies } = useGetList(
    'Society',
    {
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'code', order: 'ASC' },
    },
    { enabled: federation },
  );
  const { data, isPending, error } = useGraphQL<{ dashboard: Dashboard }>(
    ['dashboard', year, societyId],
    DASHBOARD_QUERY,
    { year, societyId: societyId || null },
  );
  const title =
    federation && !societyId
      ? 'epairs.dashboard.federation_title'
      : 'epairs.dashboard.society_title';
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    style: 'percent',
    maximumFractionDigits: 0,
  });

  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate(title)} />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        {translate(title)} — {year}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <FormControl size="small" sx={{ minWidth: 120 }}>
          <InputLabel id="dashboard-year-label">{translate('epairs.year')}</InputLabel>
          <Select
            labelId="dashboard-year-label"
            id="dashboard-year"
            value={year}
            label={translate('epairs.year')}
            onChange={(event) => setYear(Number(event.target.value))}
          >
            {[currentYear + 1, currentYear, currentYear - 1, currentYear - 2].map((y) => (
              <MenuItem key={y} value={y}>
                {y}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {federation && (
          <FormControl size="small" sx={{ minWidth: 200 }}>
            <InputLabel id="dashboard-society-label">{translate('epairs.society')}</InputLabel>
            <Select
              labelId="dashboard-society-label"
              id="dashboard-society"
              value={societyId}
              label={translate('epairs.society')}
              onChange={(event) => setSocietyId(String(event.target.value))}
            >
              <MenuItem value="">{translate('epairs.all_societies')}</MenuItem>
              {(societies ?? []).map((society) => (
                <MenuItem key={society.id} value={society.id}>
                  {society.code}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
      </Box>
      {isPending && <Loading />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {data && <DashboardBody dashboard={data.dashboard} number={number} percent={percent} />}
    </Box>
  );
}

function DashboardBody({
  dashboard: d,
  number,
  percent,
}: {
  dashboard: Dashboard;
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
}) {
  const translate = useTranslate();
  const scope = { societyId: d.societyId ?? undefined };
  const ids = (items: { id: string }[]) =>
    listUrl('PeerGroup', { ids: items.map((item) => item.id) });
  const figures = [
    {
      id: 'active-groups',
      label: 'active_groups',
      value: d.activeGroups,
      to: listUrl('PeerGroup', { ...scope, status: 'ACTIVE' }),
    },
    {
      id: 'members',
      label: 'members',
      value: d.members,
      to: listUrl('Member', { ...scope, status: 'ACTIVE' }),
    },
    {
      id: 'meetings-planned',
      label: 'meetings_planned',
      value: d.meetingsPlanned,
      to: listUrl('Meeting', { ...scope, year: d.year, excludeCancelled: true }),
    },
    {
      id: 'meetings-held',
      label: 'meetings_held',
      value: d.meetingsHeld,
      to: listUrl('Meeting', { ...scope, year: d.year, status: 'HELD' }),
    },
    {
      id: 'hours-held',
      label: 'hours_held',
      value: number.format(d.hoursHeld),
      to: listUrl('Meeting', { ...scope, year: d.year, status: 'HELD' }),
    },
    {
      id: 'attendance-rate',
      label: 'attendance_rate',
      value: percent.format(d.attendanceRate),
      to: listUrl('Meeting', { ...scope, year: d.year, status: 'HELD' }),
    },
    {
      id: 'groups-below',
      label: 'groups_below',
      value: d.groupsBelowThreshold.length,
      to: ids(d.groupsBelowThreshold.map((g) => ({ id: g.groupId }))),
      warn: d.groupsBelowThreshold.length > 0,
    },
    {
      id: 'members-below',
      label: 'members_below',
      value: d.membersBelowThreshold,
      to: complianceUrl(d.year, d.societyId),
      warn: d.membersBelowThreshold > 0,
    },
    {
      id: 'groups-without-binome',
      label: 'groups_without_binome',
      value: d.groupsWithoutBinome.length,
      to: ids(d.groupsWithoutBinome),
      warn: d.groupsWithoutBinome.length > 0,
    },
    {
      id: 'registrations-waiting',
      label: 'registrations_waiting',
      value: d.registrationsWaiting.length,
      to: listUrl('PeerGroup', { ...scope, status: 'SUBMITTED' }),
    },
    {
      id: 'binome-waiting',
      label: 'binome_waiting',
      value: d.binomeItemsWaiting30,
      to: binomeWaitingUrl(d.societyId),
      warn: d.binomeItemsWaiting30 > 0,
    },
    ...(d.societyId
      ? [
          {
            id: 'conventions-to-chase',
            label: 'conventions_to_chase',
            value: d.conventionsToChase,
            to: listUrl('Member', {
              ...scope,
              status: 'ACTIVE',
              conventionMissingFor: d.year,
            }),
            warn: d.conventionsToChase > 0,
          },
        ]
      : []),
  ];
  return (
    <>
      <Grid
        container
        spacing={2}
        sx={{ mb: 3 }}
        component="section"
        aria-label={translate('epairs.menu.dashboard')}
      >
        {figures.map((figure) => (
          <Grid key={figure.id} size={{ xs: 6, sm: 4, md: 3 }}>
            <Figure
              testId={figure.id}
              label={translate(`epairs.dashboard.${figure.label}`)}
              value={figure.value}
              to={figure.to}
              warn={figure.warn}
            />
          </Grid>
        ))}
      </Grid>
      {d.groupsBelowThreshold.length > 0 && (
        <Box component="section" aria-labelledby="groups-below-title" sx={{ mb: 3 }}>
          <Typography id="groups-below-title" component="h2" variant="h6">
            {translate('epairs.dashboard.groups_below')}
          </Typography>
          <List dense data-testid="groups-below-list">
            {d.groupsBelowThreshold.map((item) => (
              <ListItem key={item.groupId} disablePadding>
                <ListItemButton component={Link} to={`/PeerGroup/${item.groupId}/show`}>
                  <ListItemText
                    primary={`${item.group?.name ?? item.groupId}${item.group?.society ? ` (${item.group.society.code})` : ''}`}
                    secondary={`${translate('epairs.dashboard.why')} : ${item.reasons.join(' ; ')}`}
                  />
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <MeetingsPerMonth data={d.meetingsPerMonth} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <HoursDistribution data={d.hoursDistribution} year={d.year} societyId={d.societyId} />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <RegistrationsOverTime data={d.registrationsOverTime} />
        </Grid>
      </Grid>
    </>
  );
}
