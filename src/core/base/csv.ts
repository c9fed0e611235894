/**
 * One CSV field, always quoted; a field that a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return) gets a leading
 * apostrophe. Numbers are written as they are.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Rows as CSV with CRLF line ends. */
export function csvLines(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
