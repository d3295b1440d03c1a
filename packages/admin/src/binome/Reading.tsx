import { Alert, Box, Breadcrumbs, Chip, Link as MuiLink, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import { AccessDenied } from '../common/AccessDenied';
import { formatParis } from '../common/fields';
import { useGraphQL } from '../common/useGraphQL';
import { FeedbackEditor } from './FeedbackEditor';
import { CASE_QUERY, REPORT_QUERY, type Feedback } from './queries';

interface Reference {
  id: string;
  kind: string;
  citation: string;
  url: string | null;
  doi: string | null;
  year: number | null;
}

function Section({ title, text }: { title: string; text: string | null | undefined }) {
  if (!text) return null;
  return (
    <Box component="section" sx={{ mb: 2 }}>
      <Typography component="h2" variant="h6">
        {title}
      </Typography>
      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{text}</Typography>
    </Box>
  );
}

function References({ references }: { references: Reference[] }) {
  const translate = useTranslate();
  if (references.length === 0) return null;
  return (
    <Box component="section" sx={{ mb: 2 }}>
      <Typography component="h2" variant="h6">
        {translate('epairs.binome.references')}
      </Typography>
      <ul>
        {references.map((reference) => (
          <li key={reference.id}>
            {reference.citation}
            {reference.url && (
              <>
                {' — '}
                <MuiLink href={reference.url} target="_blank" rel="noopener noreferrer">
                  {reference.url}
                </MuiLink>
              </>
            )}
          </li>
        ))}
      </ul>
    </Box>
  );
}

function Frame({
  title,
  groupId,
  groupName,
  children,
}: {
  title: string;
  groupId?: string;
  groupName?: string;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 960 }}>
      <Title title={title} />
      <Breadcrumbs aria-label="breadcrumb" sx={{ mb: 1 }}>
        <MuiLink component={Link} to="/binome">
          {translate('epairs.binome.queue')}
        </MuiLink>
        {groupId && (
          <MuiLink component={Link} to={`/binome/group/${groupId}`}>
            {groupName ?? groupId}
          </MuiLink>
        )}
      </Breadcrumbs>
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** A validated report, as the binôme reads it, and its feedback. */
export function ReportView() {
  const { id } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useGraphQL<{
    MeetingReport: {
      id: string;
      groupId: string;
      edition: number;
      confidential: boolean;
      validatedAt: string | null;
      loopStatus: string | null;
      meeting: {
        startsAt: string;
        title: string | null;
        group: { id: string; name: string } | null;
      } | null;
      casesDiscussed: string | null;
      problemsIdentified: string | null;
      groupAnswers: string | null;
      agreementPoints: string | null;
      disagreementPoints: string | null;
      attendees: { memberId: string; name: string | null; approvedAt: string | null }[];
      references: Reference[];
      improvementActions: {
        id: string;
        description: string;
        status: string;
        dueOn: string | null;
      }[];
      binomeFeedback: Feedback[];
    } | null;
  }>(['report', id], REPORT_QUERY, { id });
  if (isPending) return <Loading />;
  if (error || !data?.MeetingReport)
    return error && error.status !== 403 && error.status !== 404 ? (
      <Alert severity="error">{error.message}</Alert>
    ) : (
      <AccessDenied />
    );
  const report = data.MeetingReport;
  const title = `${translate('epairs.binome.kind_REPORT')} — ${formatParis(report.meeting?.startsAt, locale)}`;
  return (
    <Frame title={title} groupId={report.groupId} groupName={report.meeting?.group?.name}>
      <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
        <Chip label={`v${report.edition}`} size="small" />
        {report.loopStatus && (
          <Chip
            size="small"
            color="primary"
            label={translate(`epairs.enums.LoopStatus.${report.loopStatus}`)}
            data-testid="report-loop-status"
          />
        )}
      </Stack>
      {report.confidential ? (
        <Alert severity="info">{translate('epairs.confidential')}</Alert>
      ) : (
        <>
          {(
            [
              'casesDiscussed',
              'problemsIdentified',
              'groupAnswers',
              'agreementPoints',
              'disagreementPoints',
            ] as const
          ).map((key) => (
            <Section
              key={key}
              title={translate(`epairs.binome.report.${key}`)}
              text={report[key]}
            />
          ))}
          <Box component="section" sx={{ mb: 2 }}>
            <Typography component="h2" variant="h6">
              {translate('epairs.binome.attendees')}
            </Typography>
            <ul>
              {report.attendees.map((attendee) => (
                <li key={attendee.memberId}>
                  {attendee.name ?? '—'}
                  {attendee.approvedAt
                    ? ` — ${formatParis(attendee.approvedAt, locale, true)}`
                    : ''}
                </li>
              ))}
            </ul>
          </Box>
          <References references={report.references} />
          {report.improvementActions.length > 0 && (
            <Box component="section" sx={{ mb: 2 }}>
              <Typography component="h2" variant="h6">
                {translate('epairs.binome.improvement_actions')}
              </Typography>
              <ul>
                {report.improvementActions.map((action) => (
                  <li key={action.id}>
                    {action.description} ({action.status}
                    {action.dueOn ? `, ${action.dueOn}` : ''})
                  </li>
                ))}
              </ul>
            </Box>
          )}
        </>
      )}
      <FeedbackEditor
        target={{ reportId: report.id }}
        feedback={report.binomeFeedback}
        queryKey={['report', id]}
      />
    </Frame>
  );
}

/** A submitted case, as the binôme reads it, and its feedback. */
export function CaseView() {
  const { id } = useParams();
  const translate = useTranslate();
  const { data, isPending, error } = useGraphQL<{
    ClinicalCase: {
      id: string;
      groupId: string;
      title: string | null;
      confidential: boolean;
      loopStatus: string | null;
      themes: { id: string; labelFr: string; labelEn: string }[];
      workSituation: string | null;
      clinicalDiagnosis: string | null;
      exposures: string | null;
      healthWorkLink: string | null;
      informationAndAlert: string | null;
      questionsRaised: string | null;
      references: Reference[];
      binomeFeedback: Feedback[];
    } | null;
  }>(['case', id], CASE_QUERY, { id });
  if (isPending) return <Loading />;
  if (error || !data?.ClinicalCase)
    return error && error.status !== 403 && error.status !== 404 ? (
      <Alert severity="error">{error.message}</Alert>
    ) : (
      <AccessDenied />
    );
  const clinicalCase = data.ClinicalCase;
  return (
    <Frame
      title={`${translate('epairs.binome.kind_CASE')} — ${clinicalCase.title ?? ''}`}
      groupId={clinicalCase.groupId}
    >
      <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap' }} useFlexGap>
        {clinicalCase.themes.map((theme) => (
          <Chip key={theme.id} size="small" label={theme.labelFr} />
        ))}
        {clinicalCase.loopStatus && (
          <Chip
            size="small"
            color="primary"
            label={translate(`epairs.enums.LoopStatus.${clinicalCase.loopStatus}`)}
          />
        )}
      </Stack>
      {clinicalCase.confidential ? (
        <Alert severity="info">{translate('epairs.confidential')}</Alert>
      ) : (
        <>
          {(
            [
              'workSituation',
              'clinicalDiagnosis',
              'exposures',
              'healthWorkLink',
              'informationAndAlert',
              'questionsRaised',
            ] as const
          ).map((key) => (
            <Section
              key={key}
              title={translate(`epairs.binome.case.${key}`)}
              text={clinicalCase[key]}
            />
          ))}
          <References references={clinicalCase.references} />
        </>
      )}
      <FeedbackEditor
        target={{ caseId: clinicalCase.id }}
        feedback={clinicalCase.binomeFeedback}
        queryKey={['case', id]}
      />
    </Frame>
  );
}
