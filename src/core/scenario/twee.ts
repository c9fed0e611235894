import { Document, isScalar, isSeq, visit } from 'yaml';
import { LANGUAGES, type Lang } from '../base/languages';
import { problem, type Problem, type ProblemCode } from '../base/problems';
import { AGE_BANDS, TOPICS, type AgeBand, type Topic } from '../base/vocabulary';
import { parseScenario } from './lint';
import { LIMITS, OUTCOMES, type Outcome, type Scenario, type ShowItem, type Skin } from './schema';

/**
 * Imports a Twine story written in Twee 3 (the text format of Twine 2,
 * https://github.com/iftechfoundation/twine-specs, twee-3-specification.md)
 * as a scenario file. Pure: the caller reads the .twee file and writes the
 * YAML. See "Importing from Twine" in docs/scenario-format.md.
 *
 * - every passage reachable from the start becomes a node, its ID the
 *   passage name in kebab-case (Cyrillic transliterated, collisions numbered);
 * - its text (without link markup) becomes one `screen` item, which every
 *   skin accepts and which the format defines as narration;
 * - its links become choices; a passage without links becomes an ending,
 *   rated by a `safe`, `risky` or `harmful` tag (`risky`, with a warning,
 *   when there is none) and with its text as the debrief;
 * - macros, variables, HTML and other story-format code cannot be imported:
 *   each one is an error with its line and column, and no YAML is written.
 *
 * Errors (`problems`) stop the import; `warnings` do not.
 */

/** Every problem code this file reports. A unit test checks each has a message in every language. */
export const TWEE_PROBLEMS = [
  'twee.empty',
  'twee.badHeader',
  'twee.badMetadata',
  'twee.textBeforeHeader',
  'twee.duplicatePassage',
  'twee.badStoryData',
  'twee.missingStart',
  'twee.noStoryData',
  'twee.noTitle',
  'twee.script',
  'twee.stylesheet',
  'twee.missingLink',
  'twee.externalLink',
  'twee.emptyLink',
  'twee.unclosedLink',
  'twee.unsupportedLink',
  'twee.unsupportedMacro',
  'twee.unsupportedVariable',
  'twee.unsupportedHtml',
  'twee.unsupportedMarkup',
  'twee.formatting',
  'twee.tooManyLinks',
  'twee.tooManyPassages',
  'twee.tooLong',
  'twee.emptyEnding',
  'twee.conflictingOutcome',
  'twee.guessedOutcome',
  'twee.outcomeTagIgnored',
  'twee.renamedId',
  'twee.unreachable',
  'twee.noEnding',
] as const satisfies readonly ProblemCode[];

// Compile-time check that the list above names every twee code of the ProblemCode union.
type Unlisted = Exclude<Extract<ProblemCode, `twee.${string}`>, (typeof TWEE_PROBLEMS)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

/** What the importer writes for the fields Twine has no place for; the author checks them. */
const IMPORT_DEFAULTS: { topic: Topic; ageBands: AgeBand[]; minutes: number } = { topic: 'getting-help', ageBands: ['10-12'], minutes: 15 };

/** Text lengths the scenario schema allows (schema.ts); parseScenario checks them again. */
const MAX = { text: 1000, label: 300, debrief: 2000, title: 200 } as const;

/** The passage Twee 3 starts at when StoryData names none. */
const DEFAULT_START = 'Start';

// ---------------------------------------------------------------------------
// Passages

export interface TweePassage {
  name: string;
  tags: string[];
  /** The header's JSON metadata (position, size), when it is valid JSON. */
  metadata?: unknown;
  /** The content, from the line after the header; trailing blank lines removed. */
  text: string;
  /** The header line, 1-based. */
  line: number;
  /** Column of the name in the header. */
  col: number;
  /** Column of the tag block's `[`, when there is one. */
  tagsCol?: number;
}

export interface ParsedTwee {
  passages: TweePassage[];
  problems: Problem[];
  warnings: Problem[];
}

interface Header {
  name: string;
  nameCol: number;
  tags: string[];
  tagsCol?: number;
  metadata?: unknown;
  /** Column of metadata that is not valid JSON. */
  badMetadata?: number;
}

/**
 * `:: Name [tag1 tag2] {"position":"100,100"}`. A backslash escapes the next
 * character in the name and tags (`\[` is `[`). The old Twee 2 position
 * `<100,100>` is accepted and ignored. Undefined when there is no name or
 * the header does not end as it should.
 */
export function parseHeader(line: string): Header | undefined {
  const n = line.length;
  let i = 2;
  while (line[i] === ' ' || line[i] === '\t') i++;
  const nameCol = i + 1;
  let name = '';
  for (; i < n; i++) {
    const c = line[i] as string;
    if (c === '\\' && i + 1 < n) name += line[++i];
    else if (c === '[' || c === '{') break;
    else name += c;
  }
  name = name.trim();
  if (!name) return undefined;
  const header: Header = { name, nameCol, tags: [] };
  if (line[i] === '[') {
    header.tagsCol = i + 1;
    let raw = '';
    let closed = false;
    for (i++; i < n; i++) {
      const c = line[i] as string;
      if (c === '\\' && i + 1 < n) raw += line[++i];
      else if (c === ']') {
        closed = true;
        i++;
        break;
      } else raw += c;
    }
    if (!closed) return undefined;
    header.tags = raw.split(/\s+/).filter((t) => t !== '');
  }
  while (line[i] === ' ' || line[i] === '\t') i++;
  const rest = line.slice(i).trim();
  if (rest.startsWith('{')) {
    try {
      header.metadata = JSON.parse(rest);
    } catch {
      header.badMetadata = i + 1;
    }
  } else if (rest !== '' && !/^<\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*>$/.test(rest)) {
    return undefined;
  }
  return header;
}

/**
 * Splits a Twee file into passages. Problems here are about headers only;
 * what the passages contain is looked at by scanPassage and importTwee.
 */
export function parseTwee(source: string, file: string): ParsedTwee {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const passages: TweePassage[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let current: { header?: Header; line: number; body: string[] } | undefined;
  let seenHeader = false;
  const flush = () => {
    if (!current?.header) return;
    const { header, line, body } = current;
    while (body.length && (body[body.length - 1] as string).trim() === '') body.pop();
    const p: TweePassage = { name: header.name, tags: header.tags, text: body.join('\n'), line, col: header.nameCol };
    if (header.tagsCol !== undefined) p.tagsCol = header.tagsCol;
    if (header.metadata !== undefined) p.metadata = header.metadata;
    passages.push(p);
  };
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.startsWith('::')) {
      flush();
      seenHeader = true;
      const header = parseHeader(text);
      if (!header) problems.push(problem('twee.badHeader', { file, line, col: 1, params: { header: text.trim() } }));
      else if (header.badMetadata !== undefined) warnings.push(problem('twee.badMetadata', { file, line, col: header.badMetadata }));
      current = { header, line, body: [] };
    } else if (current) {
      current.body.push(text);
    } else if (!seenHeader && text.trim() !== '' && !warnings.some((w) => w.code === 'twee.textBeforeHeader')) {
      warnings.push(problem('twee.textBeforeHeader', { file, line, col: 1 }));
    }
  });
  flush();
  if (!seenHeader) problems.push(problem('twee.empty', { file, line: 1, col: 1 }));
  return { passages, problems, warnings };
}

// ---------------------------------------------------------------------------
// Links and what cannot be imported

export interface TweeLink {
  label: string;
  target: string;
  /** Where the link's `[[` is. */
  line: number;
  col: number;
}

/**
 * The text and target of a link's inside, as Twine 2 reads it: the rightmost
 * `->` (`[[Text->Target]]`), else the leftmost `<-` (`[[Target<-Text]]`),
 * else the rightmost `|` (`[[Text|Target]]`), else the whole (`[[Target]]`).
 */
export function parseLink(inside: string): { label: string; target: string } {
  let label = inside;
  let target = inside;
  const right = inside.lastIndexOf('->');
  const left = inside.indexOf('<-');
  const bar = inside.lastIndexOf('|');
  if (right >= 0) {
    label = inside.slice(0, right);
    target = inside.slice(right + 2);
  } else if (left >= 0) {
    target = inside.slice(0, left);
    label = inside.slice(left + 2);
  } else if (bar >= 0) {
    label = inside.slice(0, bar);
    target = inside.slice(bar + 1);
  }
  return { label: label.trim(), target: target.trim() };
}

/** Story formats differ in what counts as code; see scanPassage. */
export type TweeFormat = 'harlowe' | 'sugarcube' | 'chapbook' | 'snowman' | 'other';

function tweeFormat(name: unknown): TweeFormat | undefined {
  if (typeof name !== 'string') return undefined;
  const n = name.toLowerCase();
  for (const f of ['harlowe', 'sugarcube', 'chapbook', 'snowman'] as const) if (n.includes(f)) return f;
  return 'other';
}

export interface ScannedPassage {
  links: TweeLink[];
  /** The text for the scenario: links as their text, lines of nothing but links left out, trimmed. */
  text: string;
  problems: Problem[];
  warnings: Problem[];
}

/**
 * Finds links, markup and code in a passage. Which syntax means code:
 * - always: `<<macro>>` (SugarCube), `<% %>` (Snowman), `{…}` (Chapbook
 *   inserts, Harlowe whitespace collapsing), `$variables`, HTML tags and
 *   comments, `/* *\/` and `/% %/` comments, `[img[…]]`, setter links;
 * - in Harlowe, and when the format is not known (Twine's default is Harlowe):
 *   `(name: …)` macros and named hooks `|name>[` / `]<name|`. In other
 *   formats `(Note: …)` is plain text;
 * - in Chapbook: modifier lines (`[if …]`, `[after 1s]`) and the `--` line
 *   of a vars section.
 * Bold and italic markup (`''`, `//`, `**`, `~~`) is kept as typed, with a
 * warning (once per kind and passage): scenario text is plain text.
 */
export function scanPassage(passage: Pick<TweePassage, 'text' | 'line'>, file: string, format?: TweeFormat): ScannedPassage {
  const { text } = passage;
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const links: TweeLink[] = [];
  const spans: { start: number; end: number; label: string }[] = [];
  const harlowe = format === undefined || format === 'harlowe';

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = (offset: number) => {
    let idx = lineStarts.length - 1;
    while (idx > 0 && (lineStarts[idx] as number) > offset) idx--;
    return { file, line: passage.line + 1 + idx, col: offset - (lineStarts[idx] as number) + 1 };
  };
  const lineEnd = (offset: number) => {
    const nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length : nl;
  };
  const report = (code: ProblemCode, offset: number, params?: Record<string, string | number>) =>
    problems.push(problem(code, params ? { ...at(offset), params } : at(offset)));
  const formatting = new Set<string>();

  /** Index after the `close` that ends a span starting at `from`, or -1. */
  const after = (from: number, close: string) => {
    const k = text.indexOf(close, from);
    return k < 0 ? -1 : k + close.length;
  };
  /** Index after the bracket matching the one at `from` (quotes skipped), or -1. */
  const matching = (from: number, open: string, shut: string) => {
    let depth = 0;
    let quote = '';
    for (let k = from; k < text.length; k++) {
      const c = text[k];
      if (quote) {
        if (c === '\\') k++;
        else if (c === quote) quote = '';
      } else if (c === '"' || (c === "'" && open === '(')) quote = c;
      else if (c === open) depth++;
      else if (c === shut && --depth === 0) return k + 1;
    }
    return -1;
  };

  const TOKEN =
    /\[\[|\[img\[|<<|<%|<!--|<\/?[A-Za-z][\w-]*(?=[\s/>])|\(\s*[A-Za-z][\w-]*\s*:|\{|\$[A-Za-z_]\w*|\/\*|\/%|\|[A-Za-z_][\w-]*>\[|\]<[A-Za-z_][\w-]*\||''|\*\*|~~|\/\//g;

  const scan = (from: number, to: number, inLink: boolean) => {
    const re = new RegExp(TOKEN.source, 'g');
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      const i = m.index;
      const token = m[0];
      let next = i + token.length;
      if (token === '[[') {
        if (!inLink) next = link(i);
      } else if (token === '[img[') {
        const end = after(i, ']]');
        report('twee.unsupportedMarkup', i, { markup: snippet(text.slice(i, end < 0 || end > lineEnd(i) ? lineEnd(i) : end)) });
        if (end >= 0 && end <= lineEnd(i)) next = end;
      } else if (token === '<<') {
        const name = /^<<\s*(\/?[\w=-]*)/.exec(text.slice(i, i + 80))?.[1] ?? '';
        report('twee.unsupportedMacro', i, { macro: name ? `<<${name}>>` : snippet(text.slice(i, lineEnd(i))) });
        const end = after(i + 2, '>>');
        if (end >= 0) next = end;
      } else if (token === '<%') {
        const end = after(i + 2, '%>');
        report('twee.unsupportedMacro', i, { macro: snippet(text.slice(i, end < 0 ? lineEnd(i) : end)) });
        if (end >= 0) next = end;
      } else if (token === '<!--') {
        report('twee.unsupportedHtml', i, { tag: '<!-- -->' });
        const end = after(i + 4, '-->');
        next = end < 0 ? text.length : end;
      } else if (token.startsWith('<')) {
        const gt = text.indexOf('>', i);
        if (gt >= 0 && gt < lineEnd(i)) {
          report('twee.unsupportedHtml', i, { tag: snippet(text.slice(i, gt + 1)) });
          next = gt + 1;
        } else next = i + 1; // a "<" in prose
      } else if (token.startsWith('(')) {
        if (harlowe) {
          const name = /^\(\s*([A-Za-z][\w-]*)/.exec(token)?.[1] ?? '';
          report('twee.unsupportedMacro', i, { macro: `(${name}:)` });
          const end = matching(i, '(', ')');
          next = end < 0 ? lineEnd(i) : end;
        } else next = i + 1;
      } else if (token === '{') {
        const end = matching(i, '{', '}');
        report('twee.unsupportedMacro', i, { macro: snippet(text.slice(i, end < 0 ? lineEnd(i) : end)) });
        while (text[next] === '{') next++; // the inside is scanned too: it may hold macros of its own
      } else if (token.startsWith('$')) {
        report('twee.unsupportedVariable', i, { name: token });
      } else if (token === '/*' || token === '/%') {
        const shut = token === '/*' ? '*/' : '%/';
        report('twee.unsupportedMarkup', i, { markup: `${token} … ${shut}` });
        const end = after(i + 2, shut);
        next = end < 0 ? text.length : end;
      } else if (token.startsWith('|') || token.startsWith(']<')) {
        if (harlowe) report('twee.unsupportedMarkup', i, { markup: token });
        else next = i + 1;
      } else if (!(token === '//' && text[i - 1] === ':') && !formatting.has(token)) {
        formatting.add(token);
        warnings.push(problem('twee.formatting', { ...at(i), params: { markup: token } }));
      }
      re.lastIndex = next;
    }
  };

  /** A `[[…]]` at `i`: returns where scanning goes on. */
  const link = (i: number): number => {
    const close = text.indexOf(']]', i + 2);
    if (close < 0 || close > lineEnd(i)) {
      report('twee.unclosedLink', i);
      return i + 2;
    }
    const inside = text.slice(i + 2, close);
    const end = close + 2;
    const setter = inside.indexOf('][');
    // The link's own text may hold code too; a setter part is one problem, not one per variable in it.
    scan(i + 2, setter >= 0 ? i + 2 + setter : close, true);
    if (setter >= 0) report('twee.unsupportedLink', i, { link: snippet(`[[${inside}]]`, 60) });
    const { label, target } = parseLink(setter >= 0 ? inside.slice(0, setter) : inside);
    if (!label || !target) report('twee.emptyLink', i, { link: `[[${inside}]]` });
    else if (/^\w+:\/\/\/?\w/i.test(target)) report('twee.externalLink', i, { target });
    else {
      links.push({ label, target, ...pick(at(i)) });
      spans.push({ start: i, end, label });
    }
    return end;
  };

  scan(0, text.length, false);

  if (format === 'chapbook') {
    text.split('\n').forEach((line, idx) => {
      const offset = lineStarts[idx] as number;
      if (/^\s*\[(?!\[)[^\]]*\]\s*$/.test(line) || /^--\s*$/.test(line)) report('twee.unsupportedMacro', offset, { macro: line.trim() });
    });
  }

  // The text: links read as their text; a line of nothing but links (and list marks) is left out.
  const out: string[] = [];
  lineStarts.forEach((start, idx) => {
    const end = idx + 1 < lineStarts.length ? (lineStarts[idx + 1] as number) - 1 : text.length;
    let built = '';
    let rest = '';
    let pos = start;
    let linked = false;
    for (const s of spans) {
      if (s.start < start || s.start >= end) continue;
      built += text.slice(pos, s.start) + s.label;
      rest += text.slice(pos, s.start);
      pos = s.end;
      linked = true;
    }
    built += text.slice(pos, end);
    rest += text.slice(pos, end);
    if (!(linked && /^[\s*\-•·|>#.,;]*$/.test(rest))) out.push(built.trimEnd());
  });
  const clean = out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

  return { links, text: clean, problems, warnings };
}

function pick(p: { line: number; col: number }) {
  return { line: p.line, col: p.col };
}

/** A short, one-line quote of some source for a message. */
function snippet(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

// ---------------------------------------------------------------------------
// IDs

const CYRILLIC: Record<string, string> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', қ: 'q',
  л: 'l', м: 'm', н: 'n', ң: 'ng', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh',
  һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const ID_MAX = 64;

function cut(id: string, max: number): string {
  return id.length <= max ? id : id.slice(0, max).replace(/-+$/, '');
}

/**
 * A passage name as a kebab-case ID: lower case, Kazakh and Russian letters
 * in Latin ones, accents dropped, everything else a hyphen. "" when nothing
 * is left (a name in another script).
 */
export function kebabId(name: string): string {
  const latin = [...name.toLowerCase()]
    .map((c) => CYRILLIC[c] ?? c)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return cut(latin.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''), ID_MAX);
}

function numbered(base: string, n: number): string {
  const suffix = `-${n}`;
  return `${cut(base, ID_MAX - suffix.length)}${suffix}`;
}

// ---------------------------------------------------------------------------
// The import

export interface TweeImportOptions {
  /** The .twee path as the user gave it: problems name it. */
  file: string;
  /** The scenario ID: the output file name without `.yaml`. */
  id: string;
  /** The language of the story's text (default en). */
  lang?: Lang;
  /** Default messenger. */
  skin?: Skin;
}

/** What became of one passage, in file order. */
export interface TweeNode {
  passage: string;
  line: number;
  /** The node ID; none when the passage was left out. */
  node?: string;
  kind: 'question' | 'ending' | 'left out';
  outcome?: Outcome;
  /** The outcome is the default: the passage had no outcome tag. */
  guessed?: boolean;
}

export interface TweeImport {
  /** The scenario file; only when there are no problems. */
  yaml?: string;
  /** The scenario as parseScenario read `yaml` back, for the language of the import. */
  scenario?: Scenario;
  /** Errors: any of them means no YAML. */
  problems: Problem[];
  /** Worth a look, but the YAML is written. */
  warnings: Problem[];
  title: string;
  start?: string;
  format?: TweeFormat;
  nodes: TweeNode[];
}

const byPlace = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);

export function importTwee(source: string, options: TweeImportOptions): TweeImport {
  const { file, id } = options;
  const lang = options.lang ?? 'en';
  const skin = options.skin ?? 'messenger';
  const parsed = parseTwee(source, file);
  const problems = [...parsed.problems];
  const warnings = [...parsed.warnings];
  const error = (code: ProblemCode, where: { line?: number; col?: number }, params?: Record<string, string | number>) =>
    problems.push(problem(code, { file, ...where, ...(params ? { params } : {}) }));
  const warn = (code: ProblemCode, where: { line?: number; col?: number }, params?: Record<string, string | number>) =>
    warnings.push(problem(code, { file, ...where, ...(params ? { params } : {}) }));
  const head = (p: TweePassage) => ({ line: p.line, col: p.col });
  const done = (result: Omit<TweeImport, 'problems' | 'warnings'>): TweeImport => ({
    ...result,
    problems: problems.sort(byPlace),
    warnings: warnings.sort(byPlace),
  });

  // Special passages, and names used twice.
  let titlePassage: TweePassage | undefined;
  let dataPassage: TweePassage | undefined;
  const story: TweePassage[] = [];
  const firstByName = new Map<string, TweePassage>();
  for (const p of parsed.passages) {
    const first = firstByName.get(p.name);
    if (first) {
      error('twee.duplicatePassage', head(p), { name: p.name, first: first.line });
      continue;
    }
    firstByName.set(p.name, p);
    if (p.name === 'StoryTitle') titlePassage = p;
    else if (p.name === 'StoryData') dataPassage = p;
    else if (p.tags.includes('script')) error('twee.script', head(p), { name: p.name });
    else if (p.tags.includes('stylesheet')) warn('twee.stylesheet', head(p), { name: p.name });
    else story.push(p);
  }

  // StoryData: the start passage and the story format.
  let data: Record<string, unknown> | undefined;
  let startPlace = { line: 1, col: 1 };
  if (dataPassage) {
    const { text, line } = dataPassage;
    const place = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: line + before.length, col: (before[before.length - 1] ?? '').length + 1 };
    };
    startPlace = { line: dataPassage.line, col: dataPassage.col };
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('StoryData must be a JSON object');
      data = value as Record<string, unknown>;
      if (data.start !== undefined && (typeof data.start !== 'string' || data.start.trim() === '')) {
        error('twee.badStoryData', place(Math.max(0, text.indexOf('"start"'))), { detail: '"start" must be a passage name' });
        delete data.start;
      }
      const key = text.indexOf('"start"');
      if (key >= 0) startPlace = place(key);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const position = /at position (\d+)/.exec(message);
      const detail = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
      error('twee.badStoryData', position ? place(Number(position[1])) : { line: dataPassage.line + 1, col: 1 }, { detail });
    }
  }
  const format = tweeFormat(data?.format);

  // The title.
  let title = titlePassage ? titlePassage.text.replace(/\s+/g, ' ').trim() : '';
  if (titlePassage) {
    const scanned = scanPassage(titlePassage, file, format);
    problems.push(...scanned.problems);
    if (title.length > MAX.title) error('twee.tooLong', head(titlePassage), { length: title.length, max: MAX.title });
  }
  if (story.length === 0) {
    if (!parsed.problems.some((p) => p.code === 'twee.empty')) error('twee.empty', { line: 1, col: 1 });
    return done({ title: title || id, nodes: [] });
  }
  if (!title) {
    title = id;
    warn('twee.noTitle', {}, { title });
  }

  // The start.
  const byName = new Map(story.map((p) => [p.name, p]));
  let start: TweePassage | undefined;
  const named = typeof data?.start === 'string' ? data.start.trim() : undefined;
  if (named !== undefined) {
    start = byName.get(named);
    if (!start) error('twee.missingStart', startPlace, { name: named });
  } else {
    start = byName.get(DEFAULT_START) ?? story[0];
    if (!dataPassage) warn('twee.noStoryData', {}, { start: (start as TweePassage).name });
  }

  // What each passage holds.
  const scans = new Map<TweePassage, ScannedPassage>();
  for (const p of story) {
    const scanned = scanPassage(p, file, format);
    scans.set(p, scanned);
    problems.push(...scanned.problems);
    warnings.push(...scanned.warnings);
    for (const l of scanned.links) if (!byName.has(l.target)) error('twee.missingLink', pick(l), { target: l.target });
  }
  const linksOf = (p: TweePassage): TweeLink[] => {
    const seen = new Set<string>();
    return (scans.get(p)?.links ?? []).filter((l) => {
      const key = `${l.label}\u0000${l.target}`;
      if (!byName.has(l.target) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };

  // Passages that can be reached from the start; the others are left out.
  const reachable = new Set<TweePassage>();
  if (start) {
    const queue = [start];
    reachable.add(start);
    for (let p = queue.shift(); p; p = queue.shift()) {
      for (const l of linksOf(p)) {
        const q = byName.get(l.target) as TweePassage;
        if (!reachable.has(q)) {
          reachable.add(q);
          queue.push(q);
        }
      }
    }
    for (const p of story) if (!reachable.has(p)) warn('twee.unreachable', head(p), { name: p.name, start: start.name });
  }
  const kept = story.filter((p) => reachable.has(p));
  if (kept.length > LIMITS.nodes) error('twee.tooManyPassages', { line: 1, col: 1 }, { count: kept.length, max: LIMITS.nodes });

  // Node IDs: the passage names in kebab-case, numbered when two come out the same.
  const ids = new Map<TweePassage, string>();
  const owners = new Map<string, TweePassage>();
  kept.forEach((p, index) => {
    const base = kebabId(p.name) || `passage-${index + 1}`;
    let nodeId = base;
    for (let n = 2; owners.has(nodeId); n++) nodeId = numbered(base, n);
    const owner = owners.get(base);
    if (owner) warn('twee.renamedId', head(p), { name: p.name, id: nodeId, other: owner.name, line: owner.line, taken: base });
    owners.set(nodeId, p);
    ids.set(p, nodeId);
  });

  // Questions and endings.
  const nodes: TweeNode[] = [];
  const nodeData: Record<string, unknown>[] = [];
  const text = (s: string) => ({ [lang]: s });
  for (const p of story) {
    if (!reachable.has(p)) {
      nodes.push({ passage: p.name, line: p.line, kind: 'left out' });
      continue;
    }
    const nodeId = ids.get(p) as string;
    const scanned = scans.get(p) as ScannedPassage;
    const links = linksOf(p);
    const outcomes = [...new Set(p.tags.map((t) => t.toLowerCase()).filter((t): t is Outcome => (OUTCOMES as readonly string[]).includes(t)))];
    const tagsAt = { line: p.line, col: p.tagsCol ?? p.col };
    if (links.length === 0 && (scans.get(p)?.links.length ?? 0) === 0) {
      if (outcomes.length > 1) error('twee.conflictingOutcome', tagsAt, { name: p.name, tags: outcomes.join(', ') });
      const guessed = outcomes.length === 0;
      if (guessed) warn('twee.guessedOutcome', head(p), { name: p.name });
      const outcome: Outcome = outcomes[0] ?? 'risky';
      if (!scanned.text) error('twee.emptyEnding', head(p), { name: p.name });
      if (scanned.text.length > MAX.debrief) error('twee.tooLong', head(p), { length: scanned.text.length, max: MAX.debrief });
      nodes.push({ passage: p.name, line: p.line, node: nodeId, kind: 'ending', outcome, ...(guessed ? { guessed } : {}) });
      nodeData.push({ id: nodeId, ending: { outcome, debrief: text(scanned.text) } });
      continue;
    }
    for (const tag of p.tags) if ((OUTCOMES as readonly string[]).includes(tag.toLowerCase())) warn('twee.outcomeTagIgnored', tagsAt, { tag, name: p.name });
    if (links.length > LIMITS.choices) error('twee.tooManyLinks', head(p), { name: p.name, count: links.length, max: LIMITS.choices });
    if (scanned.text.length > MAX.text) error('twee.tooLong', head(p), { length: scanned.text.length, max: MAX.text });
    const choiceIds = new Set<string>();
    const choices = links.map((l) => {
      if (l.label.length > MAX.label) error('twee.tooLong', pick(l), { length: l.label.length, max: MAX.label });
      const next = ids.get(byName.get(l.target) as TweePassage) as string;
      let choiceId = next;
      for (let n = 2; choiceIds.has(choiceId); n++) choiceId = numbered(next, n);
      choiceIds.add(choiceId);
      return { id: choiceId, label: text(l.label), next };
    });
    nodes.push({ passage: p.name, line: p.line, node: nodeId, kind: 'question' });
    nodeData.push({ id: nodeId, ...(scanned.text ? { show: [showItem(skin, text(scanned.text))] } : {}), ...(choices.length ? { choices } : {}) });
  }

  // Passages from which no ending can be reached: the pupil would go round forever.
  const canEnd = new Set(kept.filter((p) => linksOf(p).length === 0));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of kept) {
      if (!canEnd.has(p) && linksOf(p).some((l) => canEnd.has(byName.get(l.target) as TweePassage))) {
        canEnd.add(p);
        grew = true;
      }
    }
  }
  for (const p of kept) if (!canEnd.has(p)) error('twee.noEnding', head(p), { name: p.name });

  const startId = start ? ids.get(start) : undefined;
  const result = { title, ...(startId ? { start: startId } : {}), ...(format ? { format } : {}), nodes };
  if (problems.length || !startId) return done(result);

  const yaml = scenarioYaml({ id, skin, lang, title, start: startId, nodes: nodeData, file, map: nodes });
  // A safety net: what the importer writes must be a scenario the lint accepts in this language.
  const check = parseScenario(yaml, `scenarios/${id}.yaml`, [lang]);
  if (!check.scenario) {
    problems.push(...check.problems);
    return done(result);
  }
  return done({ ...result, yaml, scenario: check.scenario });
}

/**
 * What a passage's text becomes. `screen` is allowed in every skin and the
 * format calls it "a page or app screen, or narration": Twine text is
 * narration. A chat `message` would need a speaker the importer cannot know.
 */
function showItem(_skin: Skin, text: Partial<Record<Lang, string>>): ShowItem {
  return { type: 'screen', text };
}

interface YamlInput {
  id: string;
  skin: Skin;
  lang: Lang;
  title: string;
  start: string;
  nodes: Record<string, unknown>[];
  file: string;
  map: TweeNode[];
}

/** The scenario as YAML: texts quoted (or as a block when they have several lines), a blank line between nodes. */
function scenarioYaml(input: YamlInput): string {
  const { id, skin, lang, title, start, nodes, file, map } = input;
  const doc = new Document({
    id,
    skin,
    title: { [lang]: title },
    topic: IMPORT_DEFAULTS.topic,
    ageBands: IMPORT_DEFAULTS.ageBands,
    minutes: IMPORT_DEFAULTS.minutes,
    start,
    nodes,
  });
  const others = LANGUAGES.filter((l) => l !== lang);
  const name = file.split(/[\\/]/).pop() ?? file;
  const width = Math.max(...map.map((n) => JSON.stringify(n.passage).length));
  const lines = [
    ` Imported from Twine (${name}) by "qorgau scenario import-twee".`,
    ` Texts are in ${lang} only: add ${others.join(' and ')}; "qorgau pack lint" lists every missing text.`,
    ` topic, ageBands and minutes are the importer's defaults: check them.`,
    ` Passages (line in ${name}) and what they became:`,
    ...map.map((n) => {
      const what =
        n.kind === 'left out'
          ? 'left out: cannot be reached from the start'
          : n.kind === 'ending'
            ? `ending "${n.node}", ${n.outcome}${n.guessed ? ' (guessed: no safe/risky/harmful tag)' : ''}`
            : `node "${n.node}"${n.node === start ? ', the start' : ''}`;
      return `   ${String(n.line).padStart(4)}  ${JSON.stringify(n.passage).padEnd(width)}  -> ${what}`;
    }),
  ];
  doc.commentBefore = lines.join('\n');
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && (LANGUAGES as readonly unknown[]).includes(pair.key.value) && isScalar(pair.value)) {
        pair.value.type = String(pair.value.value).includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
      }
    },
  });
  const topic = doc.get('topic', true);
  if (isScalar(topic)) topic.comment = ` importer default; one of: ${TOPICS.join(', ')}`;
  const ages = doc.get('ageBands', true);
  if (isSeq(ages)) {
    ages.flow = true;
    for (const item of ages.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
    ages.comment = ` importer default; any of: ${AGE_BANDS.join(', ')}`;
  }
  const minutes = doc.get('minutes', true);
  if (isScalar(minutes)) minutes.comment = ' importer default; with the debrief, 1-90';
  const list = doc.get('nodes', true);
  if (isSeq(list)) list.items.forEach((item, i) => {
    if (i > 0 && item && typeof item === 'object') (item as { spaceBefore?: boolean }).spaceBefore = true;
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
