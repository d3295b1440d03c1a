import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from './errors';

/** A page: its title (focused on arrival, so screen readers announce the new page). */
export function Page({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — E-Pairs`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

/** A failed load or action: the message, and a retry when it can help. */
export function ErrorNotice({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{problem.message}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${tone}`} role="status">
      {children}
    </div>
  );
}

type FieldProps = {
  label: string;
  name: string;
  hint?: string;
  /** The API's refusal when it names this field. */
  problem?: Problem | null;
  /** A warning while typing (e.g. the pseudonymisation guard). */
  warning?: ReactNode;
  multiline?: boolean;
  rows?: number;
} & Omit<InputHTMLAttributes<HTMLInputElement & HTMLTextAreaElement>, 'name'>;

/** A labelled input or text area, with its hint, warning and error tied to it for readers. */
export function Field({
  label,
  name,
  hint,
  problem,
  warning,
  multiline,
  rows,
  ...input
}: FieldProps) {
  const id = useId();
  const error = problem && problem.field === name ? problem.message : null;
  const described = [hint && `${id}-hint`, warning && `${id}-warn`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
    ...input,
  };
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? <textarea rows={rows ?? 5} {...common} /> : <input {...common} />}
      {warning && (
        <div className="field-warning" id={`${id}-warn`} role="status">
          {warning}
        </div>
      )}
      {error && (
        <p className="field-message" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The problem of a form when no field shows it. */
export function FormProblem({ problem, fields }: { problem: Problem | null; fields: string[] }) {
  if (!problem || (problem.field && fields.includes(problem.field))) return null;
  return <ErrorNotice problem={problem} />;
}

/** A labelled drop-down list (its options as children). */
export function SelectField({
  label,
  name,
  value,
  onChange,
  children,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}
