import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading } from '../../common/ui';
import { MyComplianceDocument } from './operations.generated';
import '../dpc/strings';

function Meter({ label, value, target }: { label: string; value: number; target: number }) {
  const { t, i18n } = useTranslation('dpc');
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  const share = target > 0 ? Math.min(100, Math.round((value / target) * 100)) : 100;
  return (
    <div className="meter">
      <p className="label">{t('meter', { label, value: number(value), target: number(target) })}</p>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={value}
      >
        <span style={{ width: `${share}%` }} />
      </div>
    </div>
  );
}

/** The member's year against the thresholds: meetings, hours, roles, and what is missing. */
export function ComplianceCard({ memberId, year }: { memberId: string; year: number }) {
  const { t, i18n } = useTranslation('dpc');
  const [{ data, error, fetching }, reload] = useQuery({
    query: MyComplianceDocument,
    variables: { memberId, year },
  });
  if (error) return <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />;
  if (!data) return fetching ? <Loading /> : null;
  const c = data.memberCompliance;
  return (
    <div>
      <p>
        <span className={`badge ${c.compliant ? 'ok' : 'warn'}`}>
          {c.compliant ? t('compliant') : t('notYet')}
        </span>
      </p>
      <Meter label={t('meetings')} value={c.attended} target={c.minAttended} />
      <Meter label={t('hours')} value={c.hours} target={c.minHours} />
      <p className="meta">
        {t('roles', { animated: c.animated, presented: c.presented, reported: c.reported })}
        <br />
        {t('credits', {
          credits: c.credits.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR'),
        })}
      </p>
      {c.missing.length > 0 && (
        <>
          <p className="label">{t('missing')}</p>
          <ul>
            {c.missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
