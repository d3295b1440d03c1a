import { isFeedbackQuestion } from '@epairs/shared';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  IconButton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useLocaleState, useNotify, useTranslate, type HttpError } from 'react-admin';
import { currentUser } from '../auth/session';
import { formatParis } from '../common/fields';
import { graphql } from '../graphql/request';
import { FEEDBACK_FIELDS, type Feedback } from './queries';

type FieldErrors = Record<string, string>;

/** Server field errors (BAD_USER_INPUT), keyed as the API names them (questions, questions.1…). */
function serverErrors(error: unknown): FieldErrors {
  const body = (error as HttpError).body as { errors?: Record<string, unknown> } | undefined;
  const result: FieldErrors = {};
  for (const [key, value] of Object.entries(body?.errors ?? {})) {
    if (typeof value === 'string') result[key] = value;
  }
  return result;
}

/** Each question is a question: it ends with « ? » (the charter: ask, never judge). */
function localErrors(
  questions: string[],
  translate: (key: string, options?: object) => string,
): FieldErrors {
  const errors: FieldErrors = {};
  questions.forEach((question, index) => {
    const text = question.trim();
    if (!text) errors[`questions.${index}`] = translate('ra.validation.required');
    else if (!isFeedbackQuestion(text))
      errors[`questions.${index}`] = translate('epairs.binome.question_mark');
  });
  return errors;
}

function FeedbackForm({
  target,
  feedback,
  onDone,
}: {
  target: { reportId?: string; caseId?: string };
  feedback?: Feedback;
  onDone: () => Promise<void>;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const [questions, setQuestions] = useState<string[]>(
    feedback?.questions?.length ? feedback.questions : [''],
  );
  const [remarks, setRemarks] = useState(feedback?.remarks ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  async function save() {
    const local = localErrors(questions, translate);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    const input = { questions: questions.map((q) => q.trim()), remarks: remarks.trim() || null };
    try {
      if (feedback) {
        await graphql(
          `mutation Update($id: ID!, $version: Int!, $input: BinomeFeedbackInput!) { updateBinomeFeedback(id: $id, version: $version, input: $input) { ${FEEDBACK_FIELDS} } }`,
          { id: feedback.id, version: feedback.version, input },
        );
      } else {
        await graphql(
          `mutation Create($reportId: ID, $caseId: ID, $input: BinomeFeedbackInput!) { createBinomeFeedback(reportId: $reportId, caseId: $caseId, input: $input) { ${FEEDBACK_FIELDS} } }`,
          { reportId: target.reportId ?? null, caseId: target.caseId ?? null, input },
        );
      }
      notify('epairs.binome.saved', { type: 'success' });
      await onDone();
    } catch (error) {
      setErrors(serverErrors(error));
      notify((error as HttpError).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="feedback-form"
    >
      <Typography component="h3" variant="subtitle1" sx={{ mb: 1 }}>
        {translate('epairs.binome.questions')}
      </Typography>
      {errors.questions && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {errors.questions}
        </Alert>
      )}
      <Stack spacing={1}>
        {questions.map((question, index) => (
          <Stack key={index} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              fullWidth
              multiline
              id={`question-${index}`}
              label={translate('epairs.binome.question', { n: index + 1 })}
              value={question}
              error={Boolean(errors[`questions.${index}`])}
              helperText={errors[`questions.${index}`]}
              onChange={(event) =>
                setQuestions(questions.map((q, i) => (i === index ? event.target.value : q)))
              }
            />
            {questions.length > 1 && (
              <IconButton
                aria-label={translate('epairs.binome.remove_question', { n: index + 1 })}
                onClick={() => setQuestions(questions.filter((_q, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            )}
          </Stack>
        ))}
      </Stack>
      <Button
        startIcon={<AddIcon />}
        onClick={() => setQuestions([...questions, ''])}
        sx={{ my: 1 }}
      >
        {translate('epairs.binome.add_question')}
      </Button>
      <TextField
        fullWidth
        multiline
        minRows={3}
        id="feedback-remarks"
        label={translate('epairs.binome.remarks')}
        value={remarks}
        error={Boolean(errors.remarks)}
        helperText={errors.remarks}
        onChange={(event) => setRemarks(event.target.value)}
        sx={{ mb: 1 }}
      />
      <Button type="submit" variant="contained" disabled={saving}>
        {translate('epairs.binome.save_draft')}
      </Button>
    </Box>
  );
}

function FeedbackCard({ feedback, onDone }: { feedback: Feedback; onDone: () => Promise<void> }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [confirmSend, setConfirmSend] = useState(false);
  const [editing, setEditing] = useState(false);
  const me = currentUser()?.id;

  async function run(query: string, message: string) {
    try {
      await graphql(query, { id: feedback.id, version: feedback.version });
      notify(message, { type: 'success' });
      await onDone();
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
    }
  }

  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid="feedback-card">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap' }} useFlexGap>
          <Chip
            size="small"
            color={feedback.status === 'DRAFT' ? 'default' : 'primary'}
            label={translate(`epairs.enums.FeedbackStatus.${feedback.status}`)}
            data-testid="feedback-status"
          />
          {feedback.author && (
            <Chip
              size="small"
              variant="outlined"
              label={`${feedback.author.firstName} ${feedback.author.lastName}`}
            />
          )}
          {feedback.cosignedBy && (
            <Chip
              size="small"
              variant="outlined"
              label={`${translate('epairs.binome.cosign')} : ${feedback.cosignedBy.firstName} ${feedback.cosignedBy.lastName}`}
            />
          )}
          {feedback.sentAt && (
            <Chip size="small" variant="outlined" label={formatParis(feedback.sentAt, locale)} />
          )}
        </Stack>
        {feedback.confidential ? (
          <Typography color="text.secondary">{translate('epairs.confidential')}</Typography>
        ) : editing ? (
          <FeedbackForm
            target={{}}
            feedback={feedback}
            onDone={async () => {
              setEditing(false);
              await onDone();
            }}
          />
        ) : (
          <>
            <ol>
              {(feedback.questions ?? []).map((question, index) => (
                <li key={index}>{question}</li>
              ))}
            </ol>
            {feedback.remarks && (
              <Typography sx={{ whiteSpace: 'pre-wrap' }}>{feedback.remarks}</Typography>
            )}
            {feedback.response && (
              <Alert severity="info" sx={{ mt: 1 }}>
                {feedback.response}
              </Alert>
            )}
          </>
        )}
        {feedback.status === 'DRAFT' && !editing && (
          <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
            {feedback.authorUserId === me && (
              <Button onClick={() => setEditing(true)}>{translate('ra.action.edit')}</Button>
            )}
            {feedback.authorUserId !== me && !feedback.cosignedByUserId && (
              <Button
                onClick={() =>
                  run(
                    `mutation Cosign($id: ID!, $version: Int!) { cosignBinomeFeedback(id: $id, version: $version) { id } }`,
                    'epairs.binome.cosigned',
                  )
                }
              >
                {translate('epairs.binome.cosign')}
              </Button>
            )}
            <Button variant="contained" onClick={() => setConfirmSend(true)}>
              {translate('epairs.binome.send')}
            </Button>
          </Stack>
        )}
        <Confirm
          isOpen={confirmSend}
          title="epairs.binome.send"
          content="epairs.binome.send"
          onClose={() => setConfirmSend(false)}
          onConfirm={async () => {
            setConfirmSend(false);
            await run(
              `mutation Send($id: ID!, $version: Int!) { sendBinomeFeedback(id: $id, version: $version) { id status } }`,
              'epairs.binome.sent',
            );
          }}
        />
      </CardContent>
    </Card>
  );
}

/** The feedback on one report or case: the drafts, the sent ones, and a new draft. */
export function FeedbackEditor({
  target,
  feedback,
  queryKey,
}: {
  target: { reportId?: string; caseId?: string };
  feedback: Feedback[];
  queryKey: unknown[];
}) {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['graphql', ...queryKey] });
    await queryClient.invalidateQueries({ queryKey: ['graphql', 'binomeQueue'] });
  };
  const hasDraft = feedback.some((item) => item.status === 'DRAFT');
  return (
    <Box component="section" aria-labelledby="feedback-title" sx={{ mt: 3 }}>
      <Typography id="feedback-title" component="h2" variant="h6" sx={{ mb: 1 }}>
        {translate('epairs.binome.feedback')}
      </Typography>
      {feedback.map((item) => (
        <FeedbackCard key={item.id} feedback={item} onDone={refresh} />
      ))}
      {!hasDraft && <FeedbackForm target={target} onDone={refresh} />}
    </Box>
  );
}
