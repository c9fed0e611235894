import { csvLines } from '../core/base/csv';
import { GROUP_COLUMNS, type GroupBy, type SumRow } from './storage';

/** The totals of one grouping as CSV (CRLF line ends, a header row). */
export function toCsv(by: GroupBy, rows: readonly SumRow[]): string {
  return csvLines([[...GROUP_COLUMNS[by], 'metric', 'count'], ...rows.map((r) => [...r.group, r.metric, r.count])]);
}
