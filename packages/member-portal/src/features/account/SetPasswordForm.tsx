import { PASSWORD_MIN_LENGTH, validateNewPassword } from '@epairs/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'wouter';
import { useMutation } from 'urql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { storeSession, type AuthPayload } from '../../auth/session';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Field, FormProblem } from '../../common/ui';
import { AuthFrame } from './AuthFrame';

/**
 * Activation and reset: a one-time token from the e-mailed link, a new password checked by the
 * shared rules while typing, then the member is signed in.
 */
export function SetPasswordPage<R, V extends { token: string; password: string }>({
  title,
  intro,
  submit,
  document,
  payloadOf,
  then,
}: {
  title: string;
  intro?: string;
  submit: string;
  document: TypedDocumentNode<R, V>;
  payloadOf: (result: R) => AuthPayload;
  then: string;
}) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  // The shared rules are checked on submit, not at each key (a screen reader would announce
  // every keystroke's verdict).
  const [tried, setTried] = useState(false);
  const [{ fetching }, run] = useMutation(document);
  const localProblems = password ? validateNewPassword(password) : [];
  // The shared rules word their verdicts in French; in English, the hint says the same.
  const localMessage =
    i18n.language === 'en'
      ? t('account.passwordHint', { min: PASSWORD_MIN_LENGTH })
      : (localProblems[0]?.message ?? '');
  if (!token) {
    return (
      <AuthFrame title={title}>
        <ErrorNotice problem={{ code: 'BAD_USER_INPUT', message: t('account.missingToken') }} />
        <Link href="/login">{t('account.backToLogin')}</Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={title}>
      {intro && <p>{intro}</p>}
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          setTried(true);
          if (fetching || localProblems.length > 0) return;
          setProblem(null);
          const result = await run({ token, password } as V);
          if (result.error || !result.data) {
            setProblem(problemOf(result.error));
            return;
          }
          storeSession(payloadOf(result.data));
          navigate(then, { replace: true });
        }}
      >
        <Field
          label={t('account.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={t('account.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          problem={
            problem ??
            (tried && localProblems[0]
              ? { code: 'BAD_USER_INPUT', field: 'password', message: localMessage }
              : null)
          }
        />
        <FormProblem problem={problem} fields={['password']} />
        <button type="submit" className="button big" disabled={fetching || !password}>
          {submit}
        </button>
      </form>
    </AuthFrame>
  );
}
