import { dateInParis } from '@epairs/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { useSessionUser } from '../../auth/useSession';
import { formatDateTime } from '../../common/dates';
import { downloadText } from '../../common/download';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Field, FormProblem, Loading, Notice, Page } from '../../common/ui';
import {
  CancelAccountDeletionRequestDocument,
  MyDataDocument,
  MyDeletionRequestDocument,
  RequestAccountDeletionDocument,
} from './operations.generated';
import { registerStrings } from '../../i18n';

registerStrings('myData', {
  fr: {
    title: 'Mes données',
    exportTitle: 'Télécharger mes données',
    exportIntro:
      'Tout ce qu’E-Pairs conserve sur vous (compte, profil, groupes, réunions, émargements, cas que vous avez rédigés, attestations…), en un fichier JSON.',
    export: 'Télécharger (JSON)',
    exporting: 'Préparation…',
    deletionTitle: 'Supprimer mon compte',
    deletionIntro:
      'La fédération traite votre demande. Les feuilles d’émargement et les attestations sont conservées, comme l’exigent les contrôles du DPC.',
    reason: 'Motif (facultatif)',
    request: 'Demander la suppression de mon compte',
    confirm: 'Confirmer la demande de suppression',
    pending: 'Demande envoyée le {{date}} : en attente de traitement.',
    withdraw: 'Retirer ma demande',
    status: {
      CANCELLED: 'Votre demande du {{date}} a été retirée.',
      DONE: 'Votre demande du {{date}} a été traitée.',
      REFUSED: 'Votre demande du {{date}} a été refusée : la fédération vous a écrit.',
    },
  },
  en: {
    title: 'My data',
    exportTitle: 'Download my data',
    exportIntro:
      'Everything E-Pairs keeps about you (account, profile, groups, meetings, attendance, cases you wrote, attestations…), in one JSON file.',
    export: 'Download (JSON)',
    exporting: 'Preparing…',
    deletionTitle: 'Delete my account',
    deletionIntro:
      'The federation handles your request. Attendance sheets and attestations are kept, as CPD audits require.',
    reason: 'Reason (optional)',
    request: 'Ask for my account to be deleted',
    confirm: 'Confirm the deletion request',
    pending: 'Request sent on {{date}}: waiting to be handled.',
    withdraw: 'Withdraw my request',
    status: {
      CANCELLED: 'Your request of {{date}} was withdrawn.',
      DONE: 'Your request of {{date}} was handled.',
      REFUSED: 'Your request of {{date}} was refused: the federation wrote to you.',
    },
  },
});

function ExportCard() {
  const { t } = useTranslation('myData');
  const client = useClient();
  const user = useSessionUser();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <section className="card" aria-labelledby="my-data-export">
      <h2 id="my-data-export">{t('exportTitle')}</h2>
      <p>{t('exportIntro')}</p>
      {problem && <ErrorNotice problem={problem} />}
      <button
        type="button"
        className="button"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setProblem(null);
          const result = await client
            .query(MyDataDocument, {}, { requestPolicy: 'network-only' })
            .toPromise();
          setPending(false);
          if (result.error || !result.data) {
            setProblem(problemOf(result.error));
            return;
          }
          downloadText(
            JSON.stringify(result.data.myData, null, 2),
            'application/json',
            `e-pairs-mes-donnees-${user?.lastName ?? 'export'}-${dateInParis()}.json`,
          );
        }}
      >
        {pending ? t('exporting') : t('export')}
      </button>
    </section>
  );
}

function DeletionCard() {
  const { t } = useTranslation('myData');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [{ data, error, fetching }, reload] = useQuery({ query: MyDeletionRequestDocument });
  const [requested, request] = useMutation(RequestAccountDeletionDocument);
  const [cancelled, cancel] = useMutation(CancelAccountDeletionRequestDocument);
  const current = data?.myAccountDeletionRequest;
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const problem = requested.error ?? cancelled.error;
  return (
    <section className="card" aria-labelledby="my-data-deletion">
      <h2 id="my-data-deletion">{t('deletionTitle')}</h2>
      <p>{t('deletionIntro')}</p>
      {error && <ErrorNotice problem={problemOf(error)} onRetry={refresh} />}
      {!data && fetching && <Loading />}
      <FormProblem problem={problem ? problemOf(problem) : null} fields={['reason']} />
      {current?.status === 'PENDING' ? (
        <>
          <Notice tone="warning">
            <p>{t('pending', { date: formatDateTime(current.requestedAt) })}</p>
          </Notice>
          <button
            type="button"
            className="button secondary"
            disabled={cancelled.fetching}
            onClick={async () => {
              const result = await cancel({ id: current.id });
              if (!result.error) refresh();
            }}
          >
            {t('withdraw')}
          </button>
        </>
      ) : (
        data && (
          <>
            {current && (
              <p className="meta">
                {t(`status.${current.status}`, { date: formatDateTime(current.requestedAt) })}
              </p>
            )}
            <Field
              label={t('reason')}
              name="reason"
              multiline
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              problem={requested.error ? problemOf(requested.error) : null}
            />
            {confirming ? (
              <div className="actions">
                <button
                  type="button"
                  className="button danger"
                  disabled={requested.fetching}
                  onClick={async () => {
                    const result = await request({ reason: reason.trim() || null });
                    if (!result.error) {
                      setConfirming(false);
                      refresh();
                    }
                  }}
                >
                  {t('confirm')}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setConfirming(false)}
                >
                  {t('common:actions.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="button danger" onClick={() => setConfirming(true)}>
                {t('request')}
              </button>
            )}
          </>
        )
      )}
    </section>
  );
}

export default function MyDataPage() {
  const { t } = useTranslation('myData');
  return (
    <Page title={t('title')}>
      <ExportCard />
      <DeletionCard />
    </Page>
  );
}
