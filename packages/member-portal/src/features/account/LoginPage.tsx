import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, useLocation, useSearchParams } from 'wouter';
import { login } from '../../auth/session';
import { useSessionUser } from '../../auth/useSession';
import { problemOf, type Problem } from '../../common/errors';
import { Field, FormProblem } from '../../common/ui';
import { AuthFrame } from './AuthFrame';

/** Only a path of this site is followed after sign-in (no open redirect, no `/\\host`). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/')) return '/';
  try {
    const target = new URL(next, window.location.origin);
    if (target.origin !== window.location.origin) return '/';
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return '/';
  }
}

export function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (pending) return;
        setPending(true);
        setProblem(null);
        try {
          await login(email.trim(), password);
          onDone();
        } catch (error) {
          setProblem(problemOf(error));
          setPending(false);
        }
      }}
    >
      <Field
        label={t('account.email')}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        problem={problem}
      />
      <Field
        label={t('account.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        problem={problem}
      />
      <FormProblem problem={problem} fields={['email', 'password']} />
      <button type="submit" className="button big" disabled={pending}>
        {t('account.login')}
      </button>
      <p>
        <Link href="/forgot-password">{t('account.forgot')}</Link>
      </p>
    </form>
  );
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const user = useSessionUser();
  const next = safeNext(params.get('next'));
  if (user) return <Redirect to={next} replace />;
  return (
    <AuthFrame title={t('account.loginTitle')}>
      <LoginForm onDone={() => navigate(next, { replace: true })} />
    </AuthFrame>
  );
}
