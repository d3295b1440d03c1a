import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router-dom';

/** One figure of the dashboard, linking to the list behind it. */
export function Figure({
  label,
  value,
  to,
  testId,
  warn = false,
}: {
  label: string;
  value: string | number;
  to?: string;
  testId: string;
  warn?: boolean;
}) {
  const content = (
    <CardContent>
      <Typography
        component="p"
        variant="h4"
        color={warn ? 'warning.dark' : 'primary'}
        data-testid={`${testId}-value`}
      >
        {value}
      </Typography>
      <Typography component="p" variant="body2">
        {label}
      </Typography>
    </CardContent>
  );
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      {to ? (
        <CardActionArea component={Link} to={to} sx={{ height: '100%' }}>
          {content}
        </CardActionArea>
      ) : (
        content
      )}
    </Card>
  );
}
