import type { Lang } from '../base/languages';
import { problem, type Problem } from '../base/problems';
import { compareText } from '../base/order';
import { isQuestion, type Question, type Worksheet } from './model';
import type { ParsedWorksheet } from './parse';
import type { WorksheetKind } from './schema';

/** One parsed file of `worksheets/<folder>/<lang>.md`. */
export interface WorksheetFile {
  path: string;
  folder: string;
  lang: Lang;
  parsed: ParsedWorksheet;
}

/**
 * The checks that need more than one file: ids and folders, the lesson each
 * worksheet belongs to, every language present, and the same questions in
 * every language (a class set may mix languages, and one answer key serves
 * them all). `languages` are the pack's, in its order: the first one present
 * is the version the others are compared with.
 */
export function checkWorksheetSet(files: readonly WorksheetFile[], lessonIds: ReadonlySet<string>, languages: readonly Lang[]): Problem[] {
  const problems: Problem[] = [];
  const folders = new Map<string, WorksheetFile[]>();
  for (const f of files) folders.set(f.folder, [...(folders.get(f.folder) ?? []), f]);

  const ids = new Map<string, string>();
  for (const f of files) {
    const meta = f.parsed.meta;
    if (!meta) continue;
    const idAt = { file: f.path, line: f.parsed.lines.id, col: 1 };
    if (meta.id !== f.folder) problems.push(problem('worksheet.idMismatch', { ...idAt, params: { id: meta.id, folder: f.folder } }));
    const other = ids.get(meta.id);
    if (other !== undefined && other !== f.folder) problems.push(problem('worksheet.duplicateId', { ...idAt, params: { id: meta.id, other: `worksheets/${other}` } }));
    else ids.set(meta.id, f.folder);
    if (!lessonIds.has(meta.lesson)) {
      problems.push(problem('worksheet.unknownLesson', { file: f.path, line: f.parsed.lines.lesson, col: 1, params: { lesson: meta.lesson, known: [...lessonIds].sort(compareText).join(', ') } }));
    }
  }

  const letters = new Map<string, string>();
  for (const [folder, group] of [...folders].sort(([a], [b]) => compareText(a, b))) {
    const byLang = new Map(group.map((f) => [f.lang, f]));
    for (const lang of languages) {
      if (!byLang.has(lang)) problems.push(problem('worksheet.missingLanguage', { file: `worksheets/${folder}/${lang}.md`, params: { lang, worksheet: folder } }));
    }
    const ordered = languages.map((l) => byLang.get(l)).filter((f): f is WorksheetFile => f !== undefined);
    const reference = ordered.find((f) => f.parsed.meta);
    if (!reference?.parsed.meta) continue;
    const ref = reference.parsed.meta;
    for (const f of ordered) {
      const meta = f.parsed.meta;
      if (f === reference || !meta) continue;
      for (const field of ['lesson', 'kind'] as const) {
        if (meta[field] !== ref[field]) {
          problems.push(problem('worksheet.fieldDiffers', { file: f.path, line: f.parsed.lines[field], col: 1, params: { field, value: meta[field], other: ref[field], file: reference.path } }));
        }
      }
      if (f.parsed.worksheet && reference.parsed.worksheet) problems.push(...sameQuestions(f.parsed.worksheet, f.path, reference.parsed.worksheet, reference.path));
    }
    if (ref.kind === 'family-letter') {
      const first = letters.get(ref.lesson);
      if (first) problems.push(problem('worksheet.secondFamilyLetter', { file: reference.path, line: reference.parsed.lines.kind, col: 1, params: { lesson: ref.lesson, other: `worksheets/${first}` } }));
      else letters.set(ref.lesson, folder);
    }
  }
  return problems;
}

/** The same questions, of the same kinds, with as many options and the same right answers as the reference language. */
function sameQuestions(w: Worksheet, path: string, ref: Worksheet, refPath: string): Problem[] {
  const mine = w.items.filter(isQuestion);
  const theirs = ref.items.filter(isQuestion);
  const at = (q: Question | undefined) => ({ file: path, line: q?.line ?? 1, col: 1 });
  if (mine.length !== theirs.length) {
    return [problem('worksheet.questionCountDiffers', { ...at(mine[0]), params: { count: mine.length, other: theirs.length, file: refPath } })];
  }
  const problems: Problem[] = [];
  mine.forEach((q, i) => {
    const r = theirs[i] as Question;
    if (q.kind !== r.kind) {
      problems.push(problem('worksheet.questionKindDiffers', { ...at(q), params: { number: q.number, kind: q.kind, other: r.kind, file: refPath } }));
      return;
    }
    const parts = (x: Question) => ('options' in x ? x.options : 'statements' in x ? x.statements : 'pairs' in x ? x.pairs : 'steps' in x ? x.steps : 'cards' in x ? x.cards : []);
    if (parts(q).length !== parts(r).length) {
      problems.push(problem('worksheet.itemCountDiffers', { ...at(q), params: { number: q.number, count: parts(q).length, other: parts(r).length, file: refPath } }));
      return;
    }
    const key = (x: Question) => ('options' in x ? x.options.map((o) => o.correct) : 'statements' in x ? x.statements.map((s) => s.true) : []).join();
    if (key(q) !== key(r)) problems.push(problem('worksheet.answersDiffer', { ...at(q), params: { number: q.number, file: refPath } }));
  });
  return problems;
}

/** The worksheets and family letters of one lesson in one language, as the lesson lists them: worksheets first, then family letters, each by order, then title. */
/** Worksheets come first, then handouts, and the family letter last. */
const KIND_RANK: Record<WorksheetKind, number> = { worksheet: 0, handout: 1, 'family-letter': 2 };

export function worksheetsOfLesson<W extends { worksheet: Worksheet }>(all: readonly W[], lessonId: string, lang: Lang): W[] {
  return all
    .filter((w) => w.worksheet.lesson === lessonId && w.worksheet.lang === lang)
    .sort(
      (a, b) =>
        KIND_RANK[a.worksheet.kind] - KIND_RANK[b.worksheet.kind] ||
        (a.worksheet.order ?? 1e9) - (b.worksheet.order ?? 1e9) ||
        compareText(a.worksheet.title, b.worksheet.title),
    );
}
