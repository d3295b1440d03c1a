import { yearInParis } from '@epairs/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { formatDate } from '../../common/dates';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Loading, Page } from '../../common/ui';
import { AttestationLinkDocument, DpcDocument } from './operations.generated';
import { ComplianceCard } from '../home/ComplianceCard';
import './strings';

/** Years shown: this one and the four before (the DPC's cycle is three years). */
const YEARS_BACK = 4;

/**
 * Downloads an attestation's PDF: its link is signed and valid for five minutes, so it is asked
 * for at the moment of the click, never kept from the page's load.
 */
function useAttestationDownload() {
  const client = useClient();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const download = async (id: string) => {
    setPending(id);
    setProblem(null);
    const result = await client
      .query(AttestationLinkDocument, {}, { requestPolicy: 'network-only' })
      .toPromise();
    setPending(null);
    const link = result.data?.myAttestations.find((attestation) => attestation.id === id);
    if (result.error || !link) {
      setProblem(problemOf(result.error));
      return;
    }
    window.location.assign(link.downloadUrl);
  };
  return { download, problem, pending };
}

export default function DpcPage() {
  const { t } = useTranslation('dpc');
  const thisYear = yearInParis();
  const [year, setYear] = useState(thisYear);
  const [{ data, error, fetching }, reload] = useQuery({ query: DpcDocument });
  const { download, problem, pending } = useAttestationDownload();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, index) => thisYear - index);
  return (
    <Page title={t('title')}>
      {error && <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />}
      {!data && fetching && <Loading />}
      {data && (
        <>
          <section className="card" aria-labelledby="dpc-year">
            <h2 id="dpc-year">
              {t('year')} {year}
            </h2>
            <div className="segmented" role="group" aria-label={t('year')}>
              {years.map((candidate) => (
                <button
                  key={candidate}
                  type="button"
                  className="button secondary"
                  aria-pressed={candidate === year}
                  onClick={() => setYear(candidate)}
                >
                  {candidate}
                </button>
              ))}
            </div>
            <ComplianceCard memberId={data.myMember.id} year={year} />
          </section>
          <section className="card" aria-labelledby="dpc-attestations">
            <h2 id="dpc-attestations">{t('attestations')}</h2>
            {problem && <ErrorNotice problem={problem} />}
            {data.myAttestations.length === 0 ? (
              <p>{t('noAttestation')}</p>
            ) : (
              <ul className="list">
                {data.myAttestations.map((attestation) => (
                  <li key={attestation.id}>
                    <p>
                      <strong>
                        {t('attestation', {
                          year: attestation.year,
                          hours: attestation.totalHours,
                          code: attestation.code,
                        })}
                      </strong>
                      <br />
                      <span className="meta">
                        {formatDate(attestation.issuedAt)} ·{' '}
                        {t('credits', { credits: attestation.credits })}
                      </span>{' '}
                      {attestation.revoked && <span className="badge warn">{t('revoked')}</span>}
                    </p>
                    <button
                      type="button"
                      className="button secondary"
                      disabled={pending === attestation.id}
                      onClick={() => download(attestation.id)}
                    >
                      {t('download')} ({attestation.year})
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
