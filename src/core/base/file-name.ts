/** A file name for the PDF: the sheet's title and what was printed, without characters file systems refuse. */
export function pdfName(...parts: string[]): string {
  const name = parts
    .filter(Boolean)
    .join(' - ')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 140);
  return `${name || 'Qorgau'}.pdf`;
}
