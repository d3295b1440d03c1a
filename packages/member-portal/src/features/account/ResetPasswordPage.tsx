import { useTranslation } from 'react-i18next';
import { ResetPasswordDocument } from './operations.generated';
import { SetPasswordPage } from './SetPasswordForm';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  return (
    <SetPasswordPage
      title={t('account.resetTitle')}
      submit={t('account.reset')}
      document={ResetPasswordDocument}
      payloadOf={(data) => data.resetPassword}
      then="/"
    />
  );
}
