import type { AttestationView } from './attestation-view';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f6; line-height: 1.5; }
  main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; background: #fff; }
  h1 { font-size: 1.6rem; margin-top: 0; }
  h2 { font-size: 1.25rem; }
  .status { padding: 1rem; border: 3px solid; border-radius: 4px; font-size: 1.05rem; }
  .valid { border-color: #18753c; background: #e8f5ec; }
  .revoked { border-color: #b00020; background: #fde8eb; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  caption { text-align: left; font-weight: bold; padding-bottom: .5rem; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  label { display: block; font-weight: bold; margin-bottom: .25rem; }
  input { font-size: 1rem; padding: .4rem; width: 16rem; max-width: 100%; }
  button { font-size: 1rem; padding: .4rem 1rem; }
  :focus { outline: 3px solid #1a4f8b; outline-offset: 2px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)} — E-Pairs</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

const pairs = (fields: [string, string][]) =>
  `<dl>${fields.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('')}</dl>`;

/** The public confirmation: the status first, then exactly what the attestation shows. */
export function verificationPage(view: AttestationView): string {
  const status = view.revoked
    ? `<p class="status revoked" role="alert"><strong>Attestation révoquée.</strong> La Fédération E-Pairs l’a révoquée le ${escape(view.revoked.at)} (heure de Paris). Motif : ${escape(view.revoked.reason)}. Elle n’atteste plus rien.</p>`
    : `<p class="status valid" role="status"><strong>Attestation authentique et en vigueur.</strong> Elle a été délivrée par la Fédération E-Pairs. Son contenu est reproduit ci-dessous : comparez-le au document qui vous a été remis.</p>`;
  const head = view.meetingColumns
    .map((column) => `<th scope="col">${escape(column)}</th>`)
    .join('');
  const rows = view.meetings
    .map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return page(
    `Vérification : ${view.title}`,
    `<h1>Vérification d’une attestation</h1>
${status}
<h2>${escape(view.title)}</h2>
<p>${escape(view.subtitle)}</p>
<p>${escape(view.intro)}</p>
${pairs(view.identity)}
<table>
<caption>${escape(view.meetingsIntro)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${pairs(view.summary)}
<p>${escape(view.issued)}</p>
<p>Code de vérification : <strong>${escape(view.code)}</strong></p>`,
  );
}

const codeForm = `<form method="get" action="/verify">
<label for="code">Code de vérification (16 caractères, imprimé sous le QR code)</label>
<input id="code" name="code" autocomplete="off" spellcheck="false" autocapitalize="characters" required>
<button type="submit">Vérifier</button>
</form>`;

/** An unknown (or malformed) code: the same answer either way, with no hint. */
export function unknownCodePage(): string {
  return page(
    'Attestation introuvable',
    `<h1>Attestation introuvable</h1>
<p class="status revoked" role="alert"><strong>Aucune attestation ne correspond à ce code.</strong> Vérifiez le code saisi ; un document dont le code est inconnu n’a pas été délivré par la Fédération E-Pairs.</p>
${codeForm}`,
  );
}

/** /verify without a code: a form to type the code printed on a paper copy. */
export function codeFormPage(): string {
  return page(
    'Vérifier une attestation',
    `<h1>Vérifier une attestation</h1>
<p>Saisissez le code de vérification imprimé sur l’attestation.</p>
${codeForm}`,
  );
}
