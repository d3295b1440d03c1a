import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Text of a PDF, extracted by pdf-parse in a plain Node process (pdf.js loads ESM workers). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'epairs-pdf-'));
  const file = join(folder, 'document.pdf');
  await writeFile(file, pdf);
  const script = `const { PDFParse } = require('pdf-parse');
    (async () => {
      const parser = new PDFParse({ data: require('fs').readFileSync(process.argv[1]) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    })().catch((error) => { console.error(error); process.exit(1); });`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], {
      cwd: __dirname,
    });
    return stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
