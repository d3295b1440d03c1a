import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useMutation } from 'urql';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Field, Notice } from '../../common/ui';
import { RequestPasswordResetDocument } from './operations.generated';
import { AuthFrame } from './AuthFrame';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [{ fetching, error }, run] = useMutation(RequestPasswordResetDocument);
  return (
    <AuthFrame title={t('account.forgotTitle')}>
      {sent ? (
        <Notice tone="success">
          <p>{t('account.forgotSent')}</p>
        </Notice>
      ) : (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await run({ email: email.trim() });
            if (!result.error) setSent(true);
          }}
        >
          <p>{t('account.forgotIntro')}</p>
          <Field
            label={t('account.email')}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            problem={error ? problemOf(error) : null}
          />
          {error && !problemOf(error).field && <ErrorNotice problem={problemOf(error)} />}
          <button type="submit" className="button big" disabled={fetching || !email}>
            {t('account.forgotSend')}
          </button>
        </form>
      )}
      <p>
        <Link href="/login">{t('account.backToLogin')}</Link>
      </p>
    </AuthFrame>
  );
}
