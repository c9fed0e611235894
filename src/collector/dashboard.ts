import { createHash } from 'node:crypto';
import type { Metric } from '../core/stats/schema';
import type { FileResult } from './ingest';
import { GROUP_COLUMNS, type GroupBy, type Summary, type SumRow } from './storage';

/** The metrics the dashboard shows as columns; the CSV export has them all. */
const COLUMNS: { metric: Metric; label: string }[] = [
  { metric: 'lesson.opened', label: 'Lessons opened' },
  { metric: 'lesson.completed', label: 'Lessons completed' },
  { metric: 'scenario.played', label: 'Scenarios played' },
  { metric: 'quiz.attempt', label: 'Quiz attempts' },
  { metric: 'quiz.score.80-100', label: 'Quiz scores 80–100%' },
  { metric: 'check.before.safe', label: 'Checks: safe answers before' },
  { metric: 'check.after.safe', label: 'Checks: safe answers after' },
];

const VIEWS: { by: GroupBy; title: string }[] = [
  { by: 'region', title: 'By region' },
  { by: 'school', title: 'By school' },
  { by: 'item', title: 'By lesson, scenario or quiz' },
  { by: 'week', title: 'By week' },
];

/** Rows shown per view; the CSV export has every row. */
const MAX_ROWS = 50;

// Bars are spans with a width class (no inline styles, so the CSP needs no 'unsafe-inline');
// black on white with the number beside each bar, so they read in grayscale and in print.
const STYLE = `body{font:16px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#111;background:#fff}
h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%;margin-bottom:.5rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #999;vertical-align:top}
td.n{min-width:9rem}.v{display:block;font-variant-numeric:tabular-nums}
.bar{display:block;height:.6rem;background:#222;border:1px solid #000;box-sizing:border-box}
.w0{width:0;border:0}${Array.from({ length: 100 }, (_, i) => `.w${i + 1}{width:${i + 1}%}`).join('')}
.summary{display:flex;gap:2rem;flex-wrap:wrap;padding:0;list-style:none}.summary b{display:block;font-size:1.5rem}
form{border:1px solid #999;padding:1rem;margin:1rem 0}label{display:block;margin:.5rem 0}
.error{border:2px solid #000;padding:.5rem}a{color:#00c}`;

const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** The Content-Security-Policy of every answer: nothing but this page's own stylesheet and forms to itself. */
export const CSP = `default-src 'none'; style-src '${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

const number = (n: number) => n.toLocaleString('en-US');

function view(by: GroupBy, title: string, rows: readonly SumRow[]): string {
  const groups = new Map<string, { group: string[]; counts: Map<Metric, number>; total: number }>();
  for (const r of rows) {
    const k = r.group.join('\u0000');
    const g = groups.get(k) ?? { group: r.group, counts: new Map(), total: 0 };
    g.counts.set(r.metric, (g.counts.get(r.metric) ?? 0) + r.count);
    if (r.metric === COLUMNS[0]!.metric) g.total += r.count;
    groups.set(k, g);
  }
  // Weeks in time order; other groups by lessons opened, most first.
  const list = [...groups.values()];
  if (by !== 'week') list.sort((a, b) => b.total - a.total);
  const shown = list.slice(0, MAX_ROWS);
  const max = new Map(COLUMNS.map((c) => [c.metric, Math.max(0, ...shown.map((g) => g.counts.get(c.metric) ?? 0))]));
  const headers = GROUP_COLUMNS[by].map((h) => `<th scope="col">${escapeHtml(h.replace('_', ' '))}</th>`).join('');
  const cells = (g: (typeof list)[number]) =>
    COLUMNS.map(({ metric }) => {
      const n = g.counts.get(metric) ?? 0;
      const top = max.get(metric) ?? 0;
      const width = top > 0 ? Math.round((n / top) * 100) : 0;
      return `<td class="n"><span class="v">${number(n)}</span><span class="bar w${width}"></span></td>`;
    }).join('');
  const body = shown.length
    ? shown.map((g) => `<tr>${g.group.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}${cells(g)}</tr>`).join('\n')
    : `<tr><td colspan="${GROUP_COLUMNS[by].length + COLUMNS.length}">Nothing received yet.</td></tr>`;
  const more = list.length > shown.length ? `<p>Showing ${shown.length} of ${list.length}; the CSV has them all.</p>` : '';
  return `<section><h2 id="${by}">${escapeHtml(title)}</h2>
<table><thead><tr>${headers}${COLUMNS.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
<tbody>${body}</tbody></table>${more}<p><a href="/export.csv?by=${by}">Download CSV (every metric)</a></p></section>`;
}

const UPLOAD_FORM = `<form method="post" action="/upload" enctype="multipart/form-data">
<h2>Import a statistics file</h2>
<p>For schools that are never online: the file their app saved. Importing the same file again counts nothing twice.</p>
<label>School token <input name="token" type="password" required autocomplete="off"></label>
<label>Statistics file <input name="file" type="file" accept=".json,application/json" required></label>
<button type="submit">Import</button></form>`;

export function renderDashboard(summary: Summary, views: Record<GroupBy, SumRow[]>): string {
  const facts = [
    ['Regions', summary.regions],
    ['Schools', summary.schools],
    ['Schools that sent statistics', summary.reportingSchools],
    ['Batches received', summary.batches],
  ]
    .map(([label, n]) => `<li><b>${number(n as number)}</b>${escapeHtml(label as string)}</li>`)
    .join('');
  return page(
    'Qorgau usage statistics',
    `<h1>Qorgau usage statistics</h1>
<p>Counts per school and day as the schools' apps sent them; counts under 5 are never sent.</p>
<ul class="summary">${facts}</ul>
<nav><a href="#region">Regions</a> · <a href="#school">Schools</a> · <a href="#item">Lessons</a> · <a href="#week">Weeks</a> · <a href="#upload">Import a file</a></nav>
${VIEWS.map((v) => view(v.by, v.title, views[v.by])).join('\n')}
<div id="upload">${UPLOAD_FORM}</div>`,
  );
}

export function renderUploadResult(result: FileResult | { error: string; message: string }): string {
  const body =
    'results' in result
      ? `<p>${number(result.results.length)} batches in the file: ${number(result.stored)} stored now, ${number(result.duplicate)} already stored before (counted once).</p>`
      : `<p class="error" role="alert">The file was not imported: ${escapeHtml(result.message)}</p>`;
  return page('Statistics file import', `<h1>Statistics file import</h1>${body}<p><a href="/">Back to the dashboard</a></p>`);
}
