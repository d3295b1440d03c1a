import QRCode from 'qrcode';
import type { AttestationView } from './attestation-view';
import {
  alert,
  fieldList,
  heading,
  type Pdf,
  paragraph,
  pdfBottom,
  pdfSafe,
  PDF_LEFT_MARGIN,
  renderPdf,
  table,
} from './pdf-kit';

const QR_SIZE = 96;
const QUIET_ZONE = 2;

/**
 * The QR code drawn as vector squares (one rectangle per run of dark modules in a row): sharp at
 * any zoom or print size, and no image to encode.
 */
export function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): number {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + QUIET_ZONE * 2);
  let runs = 0;
  doc.save();
  for (let row = 0; row < modules.size; row += 1) {
    let start = -1;
    for (let column = 0; column <= modules.size; column += 1) {
      const dark = column < modules.size && modules.get(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        doc.rect(
          x + (start + QUIET_ZONE) * cell,
          y + (row + QUIET_ZONE) * cell,
          (column - start) * cell,
          cell,
        );
        runs += 1;
        start = -1;
      }
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
  return runs;
}

/** The attestation as a PDF: the view, a QR code to the verification page, and the code. */
export async function attestationPdf(view: AttestationView, issuedAt: Date): Promise<Buffer> {
  return renderPdf({ title: view.title, createdAt: issuedAt }, (doc) => {
    heading(doc, view.title, 18);
    paragraph(doc, view.subtitle, { size: 11, color: '#444444' });
    doc.moveDown();
    if (view.revoked) {
      alert(
        doc,
        `ATTESTATION RÉVOQUÉE le ${view.revoked.at} (heure de Paris). Motif : ${view.revoked.reason}. Elle n’atteste plus rien.`,
      );
    }
    paragraph(doc, view.intro);
    doc.moveDown(0.5);
    fieldList(doc, view.identity);
    doc.moveDown();
    paragraph(doc, view.meetingsIntro);
    doc.moveDown(0.3);
    table(doc, view.meetingColumns, [0.19, 0.22, 0.2, 0.1, 0.29], view.meetings);
    doc.moveDown(0.5);
    fieldList(doc, view.summary);
    doc.moveDown();
    paragraph(doc, view.issued);
    doc.moveDown();
    // The verification block stays in one piece.
    if (doc.y + QR_SIZE + 10 > pdfBottom(doc)) doc.addPage();
    const top = doc.y;
    drawQrCode(doc, view.verifyUrl, PDF_LEFT_MARGIN, top, QR_SIZE);
    const textLeft = PDF_LEFT_MARGIN + QR_SIZE + 14;
    const width = doc.page.width - textLeft - PDF_LEFT_MARGIN;
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(pdfSafe(`Code de vérification : ${view.code}`), textLeft, top + 10, { width })
      .font('Helvetica')
      .fontSize(9)
      .text(pdfSafe('Vérifiez l’authenticité de cette attestation à l’adresse :'), { width })
      .fillColor('#1a4f8b')
      .text(view.verifyUrl, { width, link: view.verifyUrl })
      .fillColor('black');
    doc.x = PDF_LEFT_MARGIN;
    doc.y = Math.max(doc.y, top + QR_SIZE) + 6;
  });
}
