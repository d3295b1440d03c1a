import { Router, type Request, type Response } from 'express';
import { asLinkUser } from '../../common/db/as-link-user';
import type { AppServices } from '../../common/services';
import { isUuid } from '../../common/validation';
import { fileUrlSigner } from '../attestations/signed-urls';
import { reportPdf } from './annual-pdf';
import { annualService } from './annual.service';

function sendFile(response: Response, type: string, name: string, body: Buffer): void {
  response.setHeader('cache-control', 'no-store, private');
  response.setHeader('x-robots-tag', 'noindex, nofollow');
  response.setHeader('content-type', type);
  response.setHeader('content-disposition', `attachment; filename="${name}"`);
  response.send(body);
}

const text = (response: Response, status: number, message: string) =>
  response.status(status).type('text/plain; charset=utf-8').send(message);

/**
 * Downloads of a group's yearly documents and of reports, behind five-minute signed links. Unlike
 * attestations, these are read as the person the link was issued to (their session, their
 * row-level scope): report text is the group's and its binôme's, never system work.
 */
export function annualDocumentsRouter(services: AppServices): Router {
  const router = Router();
  const { logger } = services;

  const signedFor = (request: Request, response: Response) => {
    const check = fileUrlSigner(services).verify(
      request.path,
      request.query as Record<string, unknown>,
    );
    if (check.ok && check.params.sid) return { userId: check.userId, sessionId: check.params.sid };
    response.setHeader('cache-control', 'no-store, private');
    const expired = !check.ok && check.reason === 'expired';
    text(
      response,
      expired ? 410 : 403,
      expired
        ? 'Ce lien de téléchargement a expiré : demandez-en un nouveau depuis l’application.'
        : 'Lien de téléchargement invalide.',
    );
    return null;
  };

  const serve =
    (
      what: string,
      produce: (
        request: Request,
        link: { userId: string; sessionId: string },
      ) => Promise<{ type: string; name: string; body: Buffer } | null>,
    ) =>
    async (request: Request, response: Response) => {
      const link = signedFor(request, response);
      if (!link) return;
      try {
        const file = await produce(request, link);
        if (!file) {
          text(response, 404, 'Document introuvable.');
          return;
        }
        logger.info({ userId: link.userId, path: request.path }, `${what} downloaded`);
        sendFile(response, file.type, file.name, file.body);
      } catch (error) {
        const status = (error as { extensions?: { code?: string } }).extensions?.code;
        if (status === 'NOT_FOUND' || status === 'FORBIDDEN' || status === 'BAD_USER_INPUT') {
          text(response, 404, 'Document introuvable.');
          return;
        }
        if (status === 'UNAUTHENTICATED') {
          text(response, 403, 'Session terminée : reconnectez-vous puis redemandez le lien.');
          return;
        }
        logger.error({ err: error }, `${what} download`);
        if (!response.headersSent) text(response, 500, 'Erreur interne : réessayez plus tard.');
      }
    };

  const groupYear = (request: Request) => {
    const groupId = String(request.params.groupId);
    const year = Number(request.params.year);
    return isUuid(groupId) && Number.isInteger(year) ? { groupId, year } : null;
  };

  router.get(
    '/files/groups/:groupId/:year/summary.pdf',
    serve('annual summary', async (request, link) => {
      const target = groupYear(request);
      if (!target) return null;
      const body = await asLinkUser(
        services,
        { ...link, address: request.ip ?? 'unknown' },
        (ctx) => annualService.summaryPdf(ctx, target.groupId, target.year),
      );
      return { type: 'application/pdf', name: `recapitulatif-${target.year}.pdf`, body };
    }),
  );

  router.get(
    '/files/groups/:groupId/:year/archive.zip',
    serve('annual archive', async (request, link) => {
      const target = groupYear(request);
      if (!target) return null;
      const body = await asLinkUser(
        services,
        { ...link, address: request.ip ?? 'unknown' },
        (ctx) => annualService.archive(ctx, target.groupId, target.year),
      );
      return { type: 'application/zip', name: `archive-${target.year}.zip`, body };
    }),
  );

  router.get(
    '/files/reports/:file',
    serve('report', async (request, link) => {
      const match = /^([0-9a-f-]{36})\.pdf$/.exec(String(request.params.file));
      if (!match || !isUuid(match[1]!)) return null;
      const document = await asLinkUser(
        services,
        { ...link, address: request.ip ?? 'unknown' },
        (ctx) => annualService.reportDocument(ctx, match[1]!),
      );
      if (!document) return null;
      return {
        type: 'application/pdf',
        name: `compte-rendu-v${document.edition}.pdf`,
        body: await reportPdf(document, new Date()),
      };
    }),
  );

  return router;
}
