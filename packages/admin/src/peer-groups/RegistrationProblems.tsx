import { Alert, List, ListItem, ListItemText } from '@mui/material';
import { Loading, useRecordContext, useTranslate } from 'react-admin';
import { useGraphQL } from '../common/useGraphQL';

/** groupRegistrationProblems: what still prevents the registration, in French, with its code. */
export function RegistrationProblems() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const { data, isPending, error } = useGraphQL<{
    groupRegistrationProblems: { code: string; message: string }[];
  }>(
    ['registrationProblems', record?.id],
    'query Problems($groupId: ID!) { groupRegistrationProblems(groupId: $groupId) { code message } }',
    { groupId: record?.id },
    { enabled: Boolean(record?.id) },
  );
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const problems = data?.groupRegistrationProblems ?? [];
  if (problems.length === 0)
    return <Alert severity="success">{translate('epairs.groups.no_problem')}</Alert>;
  return (
    <List
      aria-label={translate('epairs.groups.registration_problems')}
      data-testid="registration-problems"
    >
      {problems.map((problem, index) => (
        <ListItem key={`${problem.code}-${index}`} disableGutters>
          <ListItemText primary={problem.message} secondary={problem.code} />
        </ListItem>
      ))}
    </List>
  );
}
