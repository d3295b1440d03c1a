import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

// The standard PDF fonts (Helvetica) encode WinAnsi only: Latin-1 and a few typographic signs.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
// Letters that carry no separable accent.
const PLAIN_LETTER: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/**
 * Text the standard fonts can show: characters outside WinAnsi lose their accents (ł → l) or
 * become "?", rather than turning into wrong glyphs. Names in the register are French in practice.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (
      (code >= 0x20 && code <= 0x7e) ||
      (code >= 0xa0 && code <= 0xff) ||
      WIN_ANSI_EXTRA.has(char)
    ) {
      out += char;
    } else if (char === '\n') {
      out += char;
    } else {
      const plain = PLAIN_LETTER[char] ?? char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(plain) ? plain : '?';
    }
  }
  return out;
}

/** Builds an A4 document in memory (attestations and sheets are a few pages at most). */
export async function renderPdf(
  info: { title: string; createdAt?: Date },
  draw: (doc: Pdf) => void | Promise<void>,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: pdfSafe(info.title),
      Author: 'Fédération E-Pairs',
      Creator: 'E-Pairs',
      ...(info.createdAt ? { CreationDate: info.createdAt } : {}),
    },
    lang: 'fr-FR',
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const LEFT = 50;
const pageWidth = (doc: Pdf) => doc.page.width - LEFT * 2;
const bottom = (doc: Pdf) => doc.page.height - 60;

/** Label: value lines. */
export function fieldList(doc: Pdf, fields: [string, string][]): void {
  for (const [label, value] of fields) {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(`${pdfSafe(label)} : `, LEFT, undefined, { continued: true, width: pageWidth(doc) })
      .font('Helvetica')
      .text(pdfSafe(value));
  }
}

/** A simple table with a header row repeated on each page; widths are fractions of the page. */
export function table(doc: Pdf, columns: string[], widths: number[], rows: string[][]): void {
  const total = pageWidth(doc);
  const xs: number[] = [];
  let x = LEFT;
  for (const width of widths) {
    xs.push(x);
    x += width * total;
  }
  const cellWidth = (index: number) => widths[index]! * total - 6;
  const drawRow = (cells: string[], header: boolean) => {
    doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height =
      Math.max(
        ...cells.map((cell, index) =>
          doc.heightOfString(pdfSafe(cell), { width: cellWidth(index) }),
        ),
      ) + 6;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (!header) drawRow(columns, true);
    }
    const y = doc.y;
    if (header) doc.rect(LEFT, y, total, height).fill('#eeeeee').fillColor('black');
    cells.forEach((cell, index) => {
      doc.text(pdfSafe(cell), xs[index]! + 3, y + 3, { width: cellWidth(index) });
    });
    doc
      .moveTo(LEFT, y + height)
      .lineTo(LEFT + total, y + height)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.x = LEFT;
    doc.y = y + height;
  };
  drawRow(columns, true);
  for (const row of rows) drawRow(row, false);
  doc.x = LEFT;
  doc.moveDown(0.5);
}

export function heading(doc: Pdf, text: string, size = 16): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .fillColor('black')
    .text(pdfSafe(text), LEFT, undefined, {
      width: pageWidth(doc),
    });
}

export function paragraph(
  doc: Pdf,
  text: string,
  options: { size?: number; color?: string } = {},
): void {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 10)
    .fillColor(options.color ?? 'black')
    .text(pdfSafe(text), LEFT, undefined, { width: pageWidth(doc) })
    .fillColor('black');
}

/** A framed notice in red (a revoked attestation). */
export function alert(doc: Pdf, text: string): void {
  const width = pageWidth(doc);
  doc.font('Helvetica-Bold').fontSize(12);
  const height = doc.heightOfString(pdfSafe(text), { width: width - 16 }) + 12;
  const y = doc.y;
  doc.rect(LEFT, y, width, height).lineWidth(1.5).strokeColor('#b00020').stroke();
  doc.fillColor('#b00020').text(pdfSafe(text), LEFT + 8, y + 6, { width: width - 16 });
  doc.fillColor('black').strokeColor('black');
  doc.x = LEFT;
  doc.y = y + height + 6;
}

export { LEFT as PDF_LEFT_MARGIN, bottom as pdfBottom, pageWidth as pdfPageWidth };
