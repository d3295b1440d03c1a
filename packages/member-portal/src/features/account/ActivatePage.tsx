import { useTranslation } from 'react-i18next';
import { AcceptInvitationDocument } from './operations.generated';
import { SetPasswordPage } from './SetPasswordForm';

/** The invitation's link: choose a password, then the charter. */
export default function ActivatePage() {
  const { t } = useTranslation();
  return (
    <SetPasswordPage
      title={t('account.activateTitle')}
      intro={t('account.activateIntro')}
      submit={t('account.activate')}
      document={AcceptInvitationDocument}
      payloadOf={(data) => data.acceptInvitation}
      then="/charter"
    />
  );
}
