import { subject, yearInParis } from '@epairs/shared';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { usePermissions } from '../../auth/permissions';
import { formatDate } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Notice, Page } from '../../common/ui';
import { GroupPageDocument } from './operations.generated';
import { GroupCasesSection } from '../cases/GroupCasesSection';
import { ComplianceCard } from '../home/ComplianceCard';
import { GroupReportsSection } from '../reports/GroupReportsSection';
import './strings';

/** A group as its member sees it: who, the year's programme, my year, questions, actions. */
export default function GroupPage() {
  const { t, i18n } = useTranslation('groups');
  const { groupId } = useParams<{ groupId: string }>();
  const year = yearInParis();
  const { ability } = usePermissions();
  const [{ data, error, fetching }, reload] = useQuery({
    query: GroupPageDocument,
    variables: { groupId, year },
  });
  if (error) {
    return (
      <Page title={t('title')}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) return <Page title={t('title')}>{fetching && <Loading />}</Page>;
  const group = data.PeerGroup;
  const isMember = group?.memberships.some((m) => m.member?.id === data.myMember.id);
  if (!group || !isMember) {
    return (
      <Page title={t('title')}>
        <ErrorNotice problem={{ code: 'FORBIDDEN', message: t('refused') }} />
      </Page>
    );
  }
  const english = i18n.language === 'en';
  const runsMeetings = ability.can(
    'create',
    subject('Meeting', { groupId: group.id, societyId: group.society?.id } as never),
  );
  const programme = group.programme;
  const questions = data.nextMeetings[0]?.agenda.openQuestions ?? [];
  return (
    <Page title={group.name}>
      <p className="meta">
        {group.society?.name}
        {group.themes.length > 0 &&
          ` · ${group.themes.map((theme) => (english ? theme.labelEn : theme.labelFr)).join(', ')}`}
      </p>
      {runsMeetings && (
        <section className="card" aria-labelledby="group-relay">
          <h2 id="group-relay">{t('relayTools')}</h2>
          <Link className="button" href={`/groups/${group.id}/plan`}>
            {t('plan')}
          </Link>
        </section>
      )}
      {programme && (
        <section className="card" aria-labelledby="group-programme">
          <h2 id="group-programme">{t('programme', { year })}</h2>
          <p>
            {t('planned', { meetings: programme.planned.meetings, hours: programme.planned.hours })}
            <br />
            {t('held', { meetings: programme.held.meetings, hours: programme.held.hours })}
          </p>
          {programme.planned.shortfalls.length === 0 ? (
            <Notice tone="success">
              <p>{t('meetsAll')}</p>
            </Notice>
          ) : (
            <ul>
              {programme.planned.shortfalls.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section className="card" aria-labelledby="group-year">
        <h2 id="group-year">{t('myYear', { year })}</h2>
        <ComplianceCard memberId={data.myMember.id} year={year} />
      </section>
      <GroupCasesSection groupId={group.id} />
      <GroupReportsSection groupId={group.id} />
      <section className="card" aria-labelledby="group-questions">
        <h2 id="group-questions">{t('questions')}</h2>
        {questions.length === 0 ? (
          <p>{t('noQuestion')}</p>
        ) : (
          <ul className="list">
            {questions.map((question) => (
              <li key={question.id}>
                {question.question}
                {question.volunteer && (
                  <span className="meta">
                    {' '}
                    ·{' '}
                    {t('volunteer', {
                      name: `${question.volunteer.firstName} ${question.volunteer.lastName}`,
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="group-actions">
        <h2 id="group-actions">{t('actions')}</h2>
        {data.groupImprovementActions.length === 0 ? (
          <p>{t('noAction')}</p>
        ) : (
          <ul className="list">
            {data.groupImprovementActions.map((action) => {
              const last = action.indicatorValues.at(-1);
              return (
                <li key={action.id}>
                  <strong>{action.description}</strong>{' '}
                  <span className="badge">{t(`actionStatus.${action.status}`)}</span>
                  <br />
                  <span className="meta">
                    {[
                      action.owner &&
                        t('owner', { name: `${action.owner.firstName} ${action.owner.lastName}` }),
                      action.dueOn && t('due', { date: formatDate(action.dueOn) }),
                      last &&
                        t('lastValue', {
                          value: last.value,
                          unit: action.indicatorUnit ?? '',
                          date: formatDate(last.measuredOn),
                        }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="group-members">
        <h2 id="group-members">{t('members', { count: group.memberships.length })}</h2>
        <ul className="list">
          {group.memberships.map((membership) => (
            <li key={membership.id}>
              {membership.member?.firstName} {membership.member?.lastName}
              <span className="meta">
                {' '}
                · {membership.member && t(`profession.${membership.member.profession}`)}
              </span>
              {membership.role === 'RELAY' && (
                <>
                  {' '}
                  <span className="badge">{t('relay')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
