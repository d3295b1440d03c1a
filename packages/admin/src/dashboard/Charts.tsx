import { Link } from 'react-router-dom';
import { complianceUrl } from './links';
import { Box, Typography } from '@mui/material';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslate } from 'react-admin';
import type { Dashboard } from './query';

const COLOURS = ['#1d4f7a', '#0b6b5a', '#8a4b08', '#6a1b9a', '#b71c1c', '#37474f'];

/** The data behind a chart, as a table readers of screen readers (and everyone else) can use. */
function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  const translate = useTranslate();
  return (
    <details>
      <summary>{translate('epairs.dashboard.chart_table')}</summary>
      <table style={{ borderCollapse: 'collapse', fontSize: 14 }}>
        <caption style={{ textAlign: 'left' }}>{caption}</caption>
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col" style={{ textAlign: 'left', paddingRight: 12 }}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, cellIndex) => (
                <td key={cellIndex} style={{ paddingRight: 12 }}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ChartBox({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ mb: 3 }}>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export function MeetingsPerMonth({ data }: { data: Dashboard['meetingsPerMonth'] }) {
  const translate = useTranslate();
  const societies = [...new Set(data.map((row) => row.societyCode))].sort();
  const months = [...new Set(data.map((row) => row.month))].sort();
  const rows = months.map((month) => {
    const row: Record<string, string | number> = { month };
    for (const society of societies) {
      const item = data.find((d) => d.month === month && d.societyCode === society);
      row[`${society} ${translate('epairs.dashboard.held')}`] = item?.held ?? 0;
      row[`${society} ${translate('epairs.dashboard.planned')}`] = item?.planned ?? 0;
    }
    return row;
  });
  const title = translate('epairs.dashboard.meetings_per_month');
  return (
    <ChartBox title={title}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {societies.flatMap((society, index) => [
            <Bar
              key={`${society}-held`}
              dataKey={`${society} ${translate('epairs.dashboard.held')}`}
              stackId={society}
              fill={COLOURS[index % COLOURS.length]}
            />,
            <Bar
              key={`${society}-planned`}
              dataKey={`${society} ${translate('epairs.dashboard.planned')}`}
              stackId={society}
              fill={COLOURS[index % COLOURS.length]}
              fillOpacity={0.4}
            />,
          ])}
        </BarChart>
      </ResponsiveContainer>
      <DataTable
        caption={title}
        head={[
          'Mois',
          'Société',
          translate('epairs.dashboard.held'),
          translate('epairs.dashboard.planned'),
        ]}
        rows={data.map((d) => [d.month, d.societyCode, d.held, d.planned])}
      />
    </ChartBox>
  );
}

export function HoursDistribution({
  data,
  year,
  societyId,
}: {
  data: Dashboard['hoursDistribution'];
  year: number;
  societyId: string | null;
}) {
  const translate = useTranslate();
  const title = translate('epairs.dashboard.hours_distribution');
  return (
    <ChartBox title={title}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="members" name={translate('epairs.dashboard.members')} fill={COLOURS[1]} />
        </BarChart>
      </ResponsiveContainer>
      <DataTable
        caption={title}
        head={['', translate('epairs.dashboard.members')]}
        rows={data.map((d) => [d.label, d.members])}
      />
      <ul aria-label={translate('epairs.dashboard.hours_members_lists')} style={{ margin: 0 }}>
        {data.map((d) => (
          <li key={d.code}>
            <Link
              to={complianceUrl(year, societyId, d.code)}
              data-testid={`hours-bucket-${d.code}`}
            >
              {d.label} : {d.members}
            </Link>
          </li>
        ))}
      </ul>
    </ChartBox>
  );
}

export function RegistrationsOverTime({ data }: { data: Dashboard['registrationsOverTime'] }) {
  const translate = useTranslate();
  const title = translate('epairs.dashboard.registrations_over_time');
  return (
    <ChartBox title={title}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line
            dataKey="submitted"
            name={translate('epairs.dashboard.submitted')}
            stroke={COLOURS[2]}
          />
          <Line
            dataKey="registered"
            name={translate('epairs.dashboard.registered')}
            stroke={COLOURS[0]}
          />
        </LineChart>
      </ResponsiveContainer>
      <DataTable
        caption={title}
        head={[
          'Mois',
          translate('epairs.dashboard.submitted'),
          translate('epairs.dashboard.registered'),
        ]}
        rows={data.map((d) => [d.month, d.submitted, d.registered])}
      />
    </ChartBox>
  );
}
