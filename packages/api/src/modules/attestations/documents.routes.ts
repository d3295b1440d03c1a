import { Router, type Request, type Response } from 'express';
import JSZip from 'jszip';
import type { EntityManager } from 'typeorm';
import type { SigningKeys } from '../../common/auth/keys';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { AppServices } from '../../common/services';
import { isUuid } from '../../common/validation';
import { Attestation } from '../meetings/meeting.entities';
import { attestationPdf } from './attestation-pdf';
import { attestationView, formatNumber } from './attestation-view';
import { snapshotOf } from './attestation.service';
import { loadSheet, sheetCsv, sheetFileName, sheetPdf } from './sheet-export';
import { registerFileUrlSigner } from './signed-urls';
import { normalizeVerificationCode } from './verification-code';
import { codeFormPage, unknownCodePage, verificationPage } from './verify-page';

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

function noStore(response: Response): void {
  response.setHeader('cache-control', 'no-store, private');
  response.setHeader('x-robots-tag', 'noindex, nofollow');
}

function sendFile(response: Response, type: string, name: string, body: Buffer | string): void {
  noStore(response);
  response.setHeader('content-type', type);
  response.setHeader('content-disposition', `attachment; filename="${name}"`);
  response.send(body);
}

/**
 * The documents browsers fetch without a bearer header: the public verification page, and the
 * downloads behind five-minute signed links (attestation PDFs and ZIPs, attendance sheets). Rights
 * are checked when a link is signed (GraphQL); here the signature is the permission, and reads
 * run in system scope, like every access that no person's session covers.
 */
export function documentsRouter(services: AppServices, keys: SigningKeys): Router {
  const signer = registerFileUrlSigner(services, keys);
  const { config, logger, dataSource } = services;
  const router = Router();
  const asSystem = <T>(work: (manager: EntityManager) => Promise<T>) =>
    inSeparateSystemTransaction<T>(dataSource, work);

  const fail = (response: Response, error: unknown, what: string) => {
    logger.error({ err: error }, what);
    if (!response.headersSent) {
      response
        .status(500)
        .type('text/plain; charset=utf-8')
        .send('Erreur interne : réessayez plus tard.');
    }
  };

  /** The signature first (403), then the expiry (410); the caller's work on success. */
  const signed = (request: Request, response: Response) => {
    const check = signer.verify(request.path, request.query as Record<string, unknown>);
    if (check.ok) return check;
    noStore(response);
    response
      .status(check.reason === 'expired' ? 410 : 403)
      .type('text/plain; charset=utf-8')
      .send(
        check.reason === 'expired'
          ? 'Ce lien de téléchargement a expiré : demandez-en un nouveau depuis l’application.'
          : 'Lien de téléchargement invalide.',
      );
    return null;
  };

  router.get('/verify', (request, response) => {
    noStore(response);
    const raw = request.query.code;
    if (raw === undefined) {
      response.type('html').send(codeFormPage());
      return;
    }
    const code = typeof raw === 'string' ? normalizeVerificationCode(raw) : null;
    if (code) response.redirect(303, `/verify/${code}`);
    else response.status(404).type('html').send(unknownCodePage());
  });

  // Public, without login. The code is 80 random bits; malformed and unknown codes get the same
  // 404, and the page shows what the PDF shows, nothing more.
  router.get('/verify/:code', async (request, response) => {
    try {
      noStore(response);
      const code = normalizeVerificationCode(String(request.params.code));
      const attestation = code
        ? await asSystem((manager) => manager.getRepository(Attestation).findOneBy({ code }))
        : null;
      if (!attestation) {
        response.status(404).type('html').send(unknownCodePage());
        return;
      }
      const view = attestationView(snapshotOf(attestation), attestation, config.publicUrl);
      response.type('html').send(verificationPage(view));
    } catch (error) {
      fail(response, error, 'verification page');
    }
  });

  router.get('/files/attestations/:file', async (request, response) => {
    const check = signed(request, response);
    if (!check) return;
    try {
      const file = String(request.params.file);
      const pdf = /^([0-9a-f-]{36})\.pdf$/.exec(file);
      const zip = /^(\d{4})\.zip$/.exec(file);
      if (pdf && isUuid(pdf[1]!)) {
        const attestation = await asSystem((manager) =>
          manager.getRepository(Attestation).findOneBy({ id: pdf[1]! }),
        );
        if (!attestation) {
          response.status(404).type('text/plain; charset=utf-8').send('Attestation introuvable.');
          return;
        }
        const snapshot = snapshotOf(attestation);
        const body = await attestationPdf(
          attestationView(snapshot, attestation, config.publicUrl),
          attestation.issuedAt,
        );
        logger.info(
          { userId: check.userId, attestationId: attestation.id },
          'attestation downloaded',
        );
        sendFile(
          response,
          'application/pdf',
          `attestation-${snapshot.year}-${slug(`${snapshot.member.lastName}-${snapshot.member.firstName}`)}.pdf`,
          body,
        );
        return;
      }
      const societyId = check.params.society;
      const employerId = check.params.employer ?? null;
      if (zip && societyId && isUuid(societyId) && (!employerId || isUuid(employerId))) {
        const year = Number(zip[1]);
        const attestations = await asSystem((manager) =>
          manager
            .getRepository(Attestation)
            .createQueryBuilder('a')
            .where('a.society_id = :societyId AND a.year = :year AND a.revoked_at IS NULL', {
              societyId,
              year,
            })
            .andWhere(employerId ? `a.snapshot #>> '{employer,id}' = :employerId` : 'TRUE', {
              employerId,
            })
            .orderBy(`a.snapshot #>> '{member,lastName}'`)
            .addOrderBy(`a.snapshot #>> '{member,firstName}'`)
            .addOrderBy('a.id')
            .getMany(),
        );
        const archive = new JSZip();
        const index = [
          'nom;prenom;rpps;employeur;reunions;heures;credits;code_verification;lien_verification;fichier',
        ];
        for (const attestation of attestations) {
          const snapshot = snapshotOf(attestation);
          const view = attestationView(snapshot, attestation, config.publicUrl);
          const name = `attestation-${year}-${slug(`${snapshot.member.lastName}-${snapshot.member.firstName}`)}-${attestation.code.slice(0, 4)}.pdf`;
          archive.file(name, await attestationPdf(view, attestation.issuedAt));
          index.push(
            [
              snapshot.member.lastName,
              snapshot.member.firstName,
              snapshot.member.rpps,
              snapshot.employer?.name ?? '',
              String(snapshot.totals.attended),
              formatNumber(snapshot.totals.hours),
              formatNumber(snapshot.credits.total),
              view.code,
              view.verifyUrl,
              name,
            ]
              .map((cell) =>
                /[";\r\n]|^[=+\-@]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell,
              )
              .join(';'),
          );
        }
        archive.file('index.csv', `\uFEFF${index.join('\r\n')}\r\n`);
        const body = await archive.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
        logger.info(
          { userId: check.userId, societyId, employerId, year, count: attestations.length },
          'attestations archive downloaded',
        );
        sendFile(
          response,
          'application/zip',
          `attestations-${year}${employerId ? `-employeur-${employerId.slice(0, 8)}` : ''}.zip`,
          body,
        );
        return;
      }
      response.status(404).type('text/plain; charset=utf-8').send('Document introuvable.');
    } catch (error) {
      fail(response, error, 'attestation download');
    }
  });

  router.get('/files/meetings/:meetingId/:file', async (request, response) => {
    const check = signed(request, response);
    if (!check) return;
    try {
      const meetingId = String(request.params.meetingId);
      const file = String(request.params.file);
      const sheet =
        isUuid(meetingId) && (file === 'sheet.pdf' || file === 'sheet.csv')
          ? await asSystem((manager) => loadSheet(manager, meetingId))
          : null;
      if (!sheet) {
        response.status(404).type('text/plain; charset=utf-8').send('Document introuvable.');
        return;
      }
      logger.info({ userId: check.userId, meetingId, file }, 'attendance sheet downloaded');
      if (file === 'sheet.pdf') {
        sendFile(
          response,
          'application/pdf',
          sheetFileName(sheet, 'pdf'),
          await sheetPdf(sheet, new Date()),
        );
      } else {
        sendFile(response, 'text/csv; charset=utf-8', sheetFileName(sheet, 'csv'), sheetCsv(sheet));
      }
    } catch (error) {
      fail(response, error, 'attendance sheet download');
    }
  });

  return router;
}
