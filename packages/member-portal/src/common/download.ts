/** Saves text made in the page (a JSON export, a calendar entry) as a file on the device. */
export function downloadText(text: string, type: string, fileName: string): void {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the file after click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
