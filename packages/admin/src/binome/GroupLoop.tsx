import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControl,
  FormHelperText,
  InputLabel,
  Link as MuiLink,
  ListItemText,
  MenuItem,
  OutlinedInput,
  Select,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Loading,
  Title,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { AccessDenied } from '../common/AccessDenied';
import { formatParis } from '../common/fields';
import { useGraphQL } from '../common/useGraphQL';
import { graphql } from '../graphql/request';
import { GROUP_LOOP_QUERY, type Feedback } from './queries';

/** The history of the loop with one group: every feedback, its status, the group's response. */
export function GroupLoop() {
  const { groupId } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending, error } = useGraphQL<{
    PeerGroup: { id: string; name: string } | null;
    groupBinomeFeedback: Feedback[];
  }>(['loop', groupId], GROUP_LOOP_QUERY, { groupId });
  if (isPending) return <Loading />;
  if (error || !data?.PeerGroup)
    return error && error.status !== 403 && error.status !== 404 ? (
      <Alert severity="error">{error.message}</Alert>
    ) : (
      <AccessDenied />
    );
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1000 }}>
      <Title title={data.PeerGroup.name} />
      <MuiLink component={Link} to="/binome">
        {translate('epairs.binome.queue')}
      </MuiLink>
      <Typography component="h1" variant="h5" sx={{ my: 2 }}>
        {data.PeerGroup.name}
      </Typography>
      <Typography component="h2" variant="h6">
        {translate('epairs.binome.history')}
      </Typography>
      {data.groupBinomeFeedback.length === 0 ? (
        <Alert severity="info">{translate('epairs.empty')}</Alert>
      ) : (
        <Box sx={{ overflowX: 'auto', mb: 3 }}>
          <Table size="small" data-testid="loop-history">
            <TableHead>
              <TableRow>
                <TableCell>{translate('epairs.binome.read')}</TableCell>
                <TableCell>{translate('resources.PeerGroup.fields.status')}</TableCell>
                <TableCell>{translate('epairs.binome.questions')}</TableCell>
                <TableCell>{translate('epairs.binome.feedback')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.groupBinomeFeedback.map((feedback) => (
                <TableRow key={feedback.id}>
                  <TableCell>
                    <MuiLink
                      component={Link}
                      to={
                        feedback.reportId
                          ? `/binome/report/${feedback.reportId}`
                          : `/binome/case/${feedback.caseId}`
                      }
                    >
                      {translate(
                        feedback.reportId ? 'epairs.binome.kind_REPORT' : 'epairs.binome.kind_CASE',
                      )}
                    </MuiLink>
                    <br />
                    {formatParis(feedback.sentAt ?? feedback.createdAt, locale)}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={translate(`epairs.enums.FeedbackStatus.${feedback.status}`)}
                    />
                  </TableCell>
                  <TableCell>
                    {feedback.confidential
                      ? translate('epairs.confidential')
                      : (feedback.questions ?? []).length}
                  </TableCell>
                  <TableCell>{feedback.response ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      <ProposeEntry groupId={data.PeerGroup.id} />
    </Box>
  );
}

/** Propose a « repère professionnel » drawn from the accompaniment (published with the group's agreement). */
function ProposeEntry({ groupId }: { groupId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { data: themes } = useGetList('Theme', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'sortOrder', order: 'ASC' },
    filter: { active: true },
  });
  const [title, setTitle] = useState('');
  const [lesson, setLesson] = useState('');
  const [context, setContext] = useState('');
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  async function submit() {
    setSaving(true);
    setErrors({});
    try {
      await graphql(
        'mutation Propose($groupId: ID!, $input: ThesaurusEntryInput!) { proposeThesaurusEntry(groupId: $groupId, input: $input) { id status } }',
        { groupId, input: { title, lesson, context: context || null, themeIds } },
      );
      notify('epairs.binome.proposed', { type: 'success' });
      setTitle('');
      setLesson('');
      setContext('');
      setThemeIds([]);
    } catch (error) {
      const body = (error as HttpError).body as { errors?: Record<string, unknown> } | undefined;
      setErrors(
        Object.fromEntries(
          Object.entries(body?.errors ?? {}).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>,
      );
      notify((error as HttpError).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  }

  const field = (name: string) => ({ error: Boolean(errors[name]), helperText: errors[name] });
  return (
    <Box
      component="form"
      noValidate
      aria-labelledby="propose-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Typography id="propose-title" component="h2" variant="h6" sx={{ mb: 1 }}>
        {translate('epairs.binome.propose')}
      </Typography>
      <Stack spacing={2}>
        <TextField
          id="entry-title"
          required
          label={translate('epairs.binome.entry_title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...field('title')}
        />
        <TextField
          id="entry-lesson"
          required
          multiline
          minRows={3}
          label={translate('epairs.binome.lesson')}
          value={lesson}
          onChange={(e) => setLesson(e.target.value)}
          {...field('lesson')}
        />
        <TextField
          id="entry-context"
          multiline
          minRows={2}
          label={translate('epairs.binome.context')}
          value={context}
          onChange={(e) => setContext(e.target.value)}
          {...field('context')}
        />
        <FormControl error={Boolean(errors.themeIds)}>
          <InputLabel id="entry-themes-label">{translate('epairs.binome.themes')}</InputLabel>
          <Select
            labelId="entry-themes-label"
            id="entry-themes"
            multiple
            value={themeIds}
            onChange={(event) =>
              setThemeIds(
                typeof event.target.value === 'string'
                  ? event.target.value.split(',')
                  : event.target.value,
              )
            }
            input={<OutlinedInput label={translate('epairs.binome.themes')} />}
            renderValue={(selected) =>
              (themes ?? [])
                .filter((t) => selected.includes(t.id))
                .map((t) => (locale === 'en' ? t.labelEn : t.labelFr))
                .join(', ')
            }
          >
            {(themes ?? []).map((theme) => (
              <MenuItem key={theme.id} value={theme.id}>
                <Checkbox checked={themeIds.includes(theme.id)} />
                <ListItemText primary={locale === 'en' ? theme.labelEn : theme.labelFr} />
              </MenuItem>
            ))}
          </Select>
          {errors.themeIds && <FormHelperText>{errors.themeIds}</FormHelperText>}
        </FormControl>
        <Box>
          <Button type="submit" variant="contained" disabled={saving || !title || !lesson}>
            {translate('epairs.binome.propose')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
