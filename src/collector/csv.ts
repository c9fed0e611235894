import { GROUP_COLUMNS, type GroupBy, type SumRow } from './storage';

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

/** The totals of one grouping as CSV (CRLF line ends, a header row). */
export function toCsv(by: GroupBy, rows: readonly SumRow[]): string {
  const lines = [[...GROUP_COLUMNS[by], 'metric', 'count'].map(csvField).join(',')];
  for (const r of rows) lines.push([...r.group, r.metric, r.count].map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
