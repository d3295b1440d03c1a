import BlockIcon from '@mui/icons-material/Block';
import { Box, Button, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';

/** What a page shows when the API or the rules refuse it: a refusal, never data. */
export function AccessDenied() {
  const translate = useTranslate();
  return (
    <Box role="alert" sx={{ p: 4, textAlign: 'center' }} data-testid="access-denied">
      <BlockIcon color="error" sx={{ fontSize: 48 }} aria-hidden />
      <Typography component="h1" variant="h5" sx={{ mt: 1 }}>
        {translate('epairs.refused')}
      </Typography>
      <Typography sx={{ mt: 1 }}>{translate('epairs.refused_detail')}</Typography>
      <Button component={Link} to="/" sx={{ mt: 2 }} variant="contained">
        {translate('epairs.back_home')}
      </Button>
    </Box>
  );
}
