import type { Lang } from '../base/languages';
import { BLOCK_CLOSE, BLOCK_OPEN } from '../markdown/blocks';
import { problem, type Problem, type ProblemCode } from '../base/problems';
import { frontMatterLine, splitFrontMatter } from '../base/text';
import { parseYaml } from '../base/yaml';
import { seededShuffle } from '../base/random';
import type { Question, Talk, Worksheet, WorksheetItem } from './model';
import { BLOCKS_OF, QUESTION_KINDS, SIZED, TALK_POINTS, worksheetFrontMatterSchema, type QuestionKind, type WorksheetFrontMatter, type WorksheetKind } from './schema';

/** Every problem code this file and the pack loader report about worksheets. A unit test shows each one. */
export const WORKSHEET_PROBLEMS = [
  'worksheet.frontMatterMissing',
  'worksheet.idMismatch',
  'worksheet.duplicateId',
  'worksheet.missingLanguage',
  'worksheet.unknownLesson',
  'worksheet.secondFamilyLetter',
  'worksheet.wrongKindBlock',
  'worksheet.strayClose',
  'worksheet.answerBlock',
  'worksheet.badSize',
  'worksheet.noPrompt',
  'worksheet.tooFewItems',
  'worksheet.tooManyItems',
  'worksheet.notAnItem',
  'worksheet.noCorrectOption',
  'worksheet.orderNumbers',
  'worksheet.emptyAnswer',
  'worksheet.answerNotAllowed',
  'worksheet.localAnswerLabel',
  'worksheet.answerOutsideQuestion',
  'worksheet.noQuestions',
  'worksheet.noTalk',
  'worksheet.secondTalk',
  'worksheet.talkPoints',
  'worksheet.fieldDiffers',
  'worksheet.questionCountDiffers',
  'worksheet.questionKindDiffers',
  'worksheet.itemCountDiffers',
  'worksheet.answersDiffer',
] as const satisfies readonly ProblemCode[];

// Compile-time check that the list above names every worksheet code of the ProblemCode union.
type Unlisted = Exclude<Extract<ProblemCode, `worksheet.${string}`>, (typeof WORKSHEET_PROBLEMS)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

export interface ParsedWorksheet {
  /** Only when the file has no problems. */
  worksheet?: Worksheet;
  problems: Problem[];
  /** Lines of the front matter fields that messages about the whole pack point at. */
  lines: { id: number; lesson: number; kind: number };
  /** The front matter, when it is valid (even if the body has problems). */
  meta?: WorksheetFrontMatter;
}

interface Line {
  text: string;
  line: number;
}

interface RawBlock {
  name: string;
  /** Text after the name on the opening line, and its column. */
  args: string;
  argsCol: number;
  line: number;
  body: Line[];
}

/** What each list-like block's lines look like; `expected` is shown in messages. */
const ITEM_SYNTAX: Partial<Record<QuestionKind | 'talk', { item: RegExp; expected: string; min: number; max: number }>> = {
  choice: { item: /^\s*[-*+]\s+\[([ xX])\]\s+(.*)$/, expected: '- [ ] … / - [x] …', min: 2, max: 10 },
  truefalse: { item: /^\s*[-*+]\s+(true|false)\s*:\s*(.*)$/i, expected: '- true: … / - false: …', min: 1, max: 12 },
  match: { item: /^\s*[-*+]\s+(.*?\S)\s+=\s+(\S.*)$/, expected: '- … = …', min: 2, max: 12 },
  order: { item: /^\s*(?:(\d+)[.)]|[-*+])\s+(.*)$/, expected: '1. …', min: 2, max: 12 },
  cards: { item: /^\s*[-*+]\s+(.*)$/, expected: '- …', min: 2, max: 12 },
  talk: { item: /^\s*(?:\d+[.)]|[-*+])\s+(.*)$/, expected: '- …', min: TALK_POINTS, max: TALK_POINTS },
};

/** Where the list of a block starts: its first list line, whether or not it is written right. */
const LIST_START = /^\s*(?:[-*+]|\d+[.)])\s+/;
const ANSWER = /^\s*answer\s*:[ \t]*(.*)$/i;
/** "Answer:" written in the pupil's language would be printed on the pupil copy. */
const LOCAL_ANSWER = /^\s*[*_]*\s*(дұрыс жауабы|дұрыс жауап|жауабы|жауап|правильный ответ|ответ|correct answer)\s*[*_]*\s*[:：]/i;
const FENCE = /^\s*(```+|~~~+)/;
const HEADING = /^#{1,6}(\s|$)/;

/**
 * Reads one worksheet or family letter, `worksheets/<id>/<lang>.md`.
 * Checks what one file can show: the front matter, the blocks, and that each
 * question is complete; problems come sorted by line. The pack loader adds
 * what needs the whole pack (src/core/worksheet/lint.ts).
 */
export function parseWorksheet(source: string, file: string, lang: Lang): ParsedWorksheet {
  const split = splitFrontMatter(source);
  if (split === 'missing' || split === 'unclosed') {
    const code = split === 'missing' ? 'worksheet.frontMatterMissing' : 'frontMatter.unclosed';
    return { problems: [problem(code, { file, line: 1, col: 1 })], lines: { id: 1, lesson: 1, kind: 1 } };
  }
  const lines = { id: frontMatterLine(split.yaml, 'id'), lesson: frontMatterLine(split.yaml, 'lesson'), kind: frontMatterLine(split.yaml, 'kind') };
  const parsed = parseYaml(split.yaml, worksheetFrontMatterSchema, file, 1);
  const meta = parsed.value;
  const body = parseBody(split.body, split.bodyLine, file, meta?.kind, meta?.id ?? '');
  const problems = [...parsed.problems, ...body.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  if (!meta || problems.length) return { problems, lines, meta };
  const worksheet: Worksheet = { id: meta.id, lesson: meta.lesson, kind: meta.kind, lang, title: meta.title, items: body.items };
  if (meta.minutes !== undefined) worksheet.minutes = meta.minutes;
  if (meta.checked !== undefined) worksheet.checked = meta.checked;
  if (meta.order !== undefined) worksheet.order = meta.order;
  return { worksheet, problems, lines, meta };
}

/** The body: prose sections and blocks, in order. `kind` is undefined when the front matter is broken. */
function parseBody(markdown: string, firstLine: number, file: string, kind: WorksheetKind | undefined, id: string): { items: WorksheetItem[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, line: number, col: number, params?: Record<string, string | number>) =>
    problems.push(problem(code, params ? { file, line, col, params } : { file, line, col }));
  const allowed = kind ? BLOCKS_OF[kind] : [...QUESTION_KINDS, 'talk'];
  const items: WorksheetItem[] = [];
  let prose: Line[] = [];
  let block: RawBlock | undefined;
  let fence: string | undefined;
  let number = 0;
  let opened = 0;
  const talks: number[] = [];

  const flushProse = () => {
    for (const section of sections(prose)) items.push({ kind: 'prose', markdown: section.markdown, line: section.line, keepWithNext: false });
    prose = [];
  };
  const closeBlock = () => {
    if (!block) return;
    const b = block;
    block = undefined;
    if (!allowed.includes(b.name)) return;
    if (b.name === 'talk') {
      talks.push(b.line);
      const talk = parseTalk(b, report);
      if (talk) items.push(talk);
      return;
    }
    const question = parseQuestion(b, b.name as QuestionKind, ++number, id, report);
    if (question) items.push(question);
  };

  markdown.split('\n').forEach((text, i) => {
    const line = firstLine + i;
    const f = FENCE.exec(text);
    if (f?.[1]) {
      if (!fence) fence = f[1];
      else if (text.trim().startsWith(fence)) fence = undefined;
    }
    if (fence || f) {
      (block ? block.body : prose).push({ text, line });
      return;
    }
    if (BLOCK_CLOSE.test(text)) {
      if (block) closeBlock();
      else report('worksheet.strayClose', line, 1);
      return;
    }
    const open = BLOCK_OPEN.exec(text);
    if (!open?.[1]) {
      if (block) block.body.push({ text, line });
      else {
        // Outside a question, an answer would be printed on the pupil copy.
        const label = ANSWER.test(text) ? 'answer' : LOCAL_ANSWER.exec(text)?.[1];
        if (label) report('worksheet.answerOutsideQuestion', line, 1, { label: `${label}:` });
        prose.push({ text, line });
      }
      return;
    }
    const name = open[1];
    const args = open[2] ?? '';
    if (block && name.toLowerCase() === 'answer') {
      report('worksheet.answerBlock', line, 1);
      block.body.push({ text: `answer: ${args}`, line });
      return;
    }
    if (block) {
      report('lesson.unclosedBlock', block.line, 1, { name: block.name });
      closeBlock();
    }
    flushProse();
    opened++;
    if (!allowed.includes(name)) {
      const ofOtherKind = kind && Object.values(BLOCKS_OF).some((names) => names.includes(name));
      if (ofOtherKind) report('worksheet.wrongKindBlock', line, 4, { name, kind, known: allowed.join(', ') });
      else report('lesson.unknownBlock', line, 4, { name, known: allowed.join(', ') });
    }
    block = { name, args: args.trim(), argsCol: text.length - args.length + 1, line, body: [] };
  });
  if (block) {
    report('lesson.unclosedBlock', (block as RawBlock).line, 1, { name: (block as RawBlock).name });
    block = undefined;
  }
  flushProse();

  // Instructions and headings stay with what follows them.
  items.forEach((item, i) => {
    if (item.kind === 'prose') item.keepWithNext = i < items.length - 1;
  });
  if (kind === 'worksheet' && opened === 0) report('worksheet.noQuestions', firstLine, 1);
  if (kind === 'family-letter') {
    if (talks.length === 0) report('worksheet.noTalk', firstLine, 1);
    for (const extra of talks.slice(1)) report('worksheet.secondTalk', extra, 1, { first: talks[0] ?? 0 });
  }
  return { items, problems };
}

/** Prose split into sections at headings, without leading and trailing blank lines. */
function sections(lines: Line[]): { markdown: string; line: number }[] {
  const out: Line[][] = [];
  let fence = false;
  for (const l of lines) {
    if (FENCE.test(l.text)) fence = !fence;
    if ((!fence && HEADING.test(l.text)) || out.length === 0) out.push([]);
    out[out.length - 1]?.push(l);
  }
  return out
    .map((section) => trimBlank(section))
    .filter((section) => section.length > 0)
    .map((section) => ({ markdown: section.map((l) => l.text).join('\n'), line: section[0]?.line ?? 0 }));
}

function trimBlank(lines: Line[]): Line[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.text.trim() === '') start++;
  while (end > start && lines[end - 1]?.text.trim() === '') end--;
  return lines.slice(start, end);
}

type Report = (code: ProblemCode, line: number, col: number, params?: Record<string, string | number>) => void;

/** A block split into its prompt, its list (for list-like blocks) and the teacher's answer. */
interface BlockParts {
  prompt: Line[];
  list: Line[];
  answer?: { text: string; line: number };
}

function splitBlock(b: RawBlock, promptStart: string, hasList: boolean): BlockParts {
  const prompt: Line[] = promptStart ? [{ text: promptStart, line: b.line }] : [];
  const list: Line[] = [];
  let answer: { lines: string[]; line: number } | undefined;
  let fence = false;
  for (const l of b.body) {
    if (FENCE.test(l.text)) fence = !fence;
    const a = fence ? null : ANSWER.exec(l.text);
    if (answer) answer.lines.push(l.text);
    else if (a) answer = { lines: [a[1] ?? ''], line: l.line };
    else if (hasList && (list.length > 0 || (!fence && LIST_START.test(l.text)))) list.push(l);
    else prompt.push(l);
  }
  const parts: BlockParts = { prompt: trimBlank(prompt), list };
  if (answer) parts.answer = { text: answer.lines.join('\n').trim(), line: answer.line };
  return parts;
}

function parseQuestion(b: RawBlock, kind: QuestionKind, number: number, worksheetId: string, report: Report): Question | undefined {
  let bad = false;
  const fail: Report = (...args) => {
    bad = true;
    report(...args);
  };
  // The size of :::lines, :::box and :::drawing is the first word after the name, when it is a number.
  let promptStart = b.args;
  let size: number | undefined;
  const sized = SIZED[kind];
  if (sized) {
    const word = /^(\d\S*)\s*(.*)$/.exec(b.args);
    if (word?.[1]) {
      promptStart = word[2] ?? '';
      size = /^\d+$/.test(word[1]) ? Number(word[1]) : NaN;
      if (!(size >= sized.min && size <= sized.max)) fail('worksheet.badSize', b.line, b.argsCol, { name: kind, value: word[1], min: sized.min, max: sized.max });
    }
  }
  const syntax = ITEM_SYNTAX[kind];
  const parts = splitBlock(b, promptStart, syntax !== undefined);
  if (parts.prompt.length === 0) fail('worksheet.noPrompt', b.line, 1, { name: kind });
  for (const l of parts.prompt) {
    const label = LOCAL_ANSWER.exec(l.text);
    if (label?.[1]) fail('worksheet.localAnswerLabel', l.line, 1, { label: `${label[1]}:` });
  }
  if (parts.answer && parts.answer.text === '') fail('worksheet.emptyAnswer', parts.answer.line, 1);
  const items = syntax ? listItems(b, kind, parts.list, syntax, fail) : [];
  if (bad) return undefined;

  const base = { number, line: b.line, prompt: parts.prompt.map((l) => l.text).join('\n'), ...(parts.answer ? { answer: parts.answer.text } : {}) };
  const seed = `${worksheetId}#${number}`;
  switch (kind) {
    case 'lines':
      return { kind, ...base, lines: size ?? SIZED.lines?.default ?? 3 };
    case 'box':
    case 'drawing':
      return { kind, ...base, height: size ?? sized?.default ?? 4 };
    case 'choice':
      return { kind, ...base, options: items.map((m) => ({ text: m[2] ?? '', correct: m[1] !== ' ' })) };
    case 'truefalse':
      return { kind, ...base, statements: items.map((m) => ({ text: m[2] ?? '', true: m[1]?.toLowerCase() === 'true' })) };
    case 'match':
      return { kind, ...base, pairs: items.map((m) => ({ left: m[1] ?? '', right: m[2] ?? '' })), rightOrder: seededShuffle(items.length, seed) };
    case 'order':
      return { kind, ...base, steps: items.map((m) => m[2] ?? ''), shuffled: seededShuffle(items.length, seed) };
    case 'cards':
      return { kind, ...base, cards: items.map((m) => m[1] ?? '') };
  }
}

function parseTalk(b: RawBlock, report: Report): Talk | undefined {
  let bad = false;
  const fail: Report = (...args) => {
    bad = true;
    report(...args);
  };
  const syntax = ITEM_SYNTAX.talk as NonNullable<(typeof ITEM_SYNTAX)['talk']>;
  const parts = splitBlock(b, b.args, true);
  if (parts.answer) fail('worksheet.answerNotAllowed', parts.answer.line, 1, { name: 'talk' });
  const items = listItems(b, 'talk', parts.list, { ...syntax, min: 0, max: Infinity }, fail);
  if (items.length !== TALK_POINTS) fail('worksheet.talkPoints', b.line, 1, { count: items.length, expected: TALK_POINTS });
  if (bad) return undefined;
  return { kind: 'talk', line: b.line, intro: parts.prompt.map((l) => l.text).join('\n'), points: items.map((m) => m[1] ?? '') };
}

/**
 * The list of a block, one item per list line; an indented line continues
 * the item above it. Returns each item's match with the continuation lines
 * appended to its last group.
 */
function listItems(b: RawBlock, kind: string, list: Line[], syntax: { item: RegExp; expected: string; min: number; max: number }, fail: Report): RegExpExecArray[] {
  const items: RegExpExecArray[] = [];
  let strays = 0;
  list.forEach((l) => {
    if (l.text.trim() === '') return;
    const m = syntax.item.exec(l.text);
    const last = items[items.length - 1];
    if (m) {
      if (kind === 'order' && m[1] !== undefined && Number(m[1]) !== items.length + 1) {
        fail('worksheet.orderNumbers', l.line, 1, { found: m[1], expected: items.length + 1 });
      }
      items.push(m);
    } else if (last && /^\s{2,}\S/.test(l.text) && !LIST_START.test(l.text)) {
      last[last.length - 1] = `${last[last.length - 1] ?? ''} ${l.text.trim()}`;
    } else {
      strays++;
      fail('worksheet.notAnItem', l.line, 1, { name: kind, expected: syntax.expected });
    }
  });
  // A line that is not an item is the mistake to fix first: counting comes after.
  if (strays > 0) return items;
  if (items.length < syntax.min) fail('worksheet.tooFewItems', b.line, 1, { name: kind, min: syntax.min, expected: syntax.expected });
  if (items.length > syntax.max) fail('worksheet.tooManyItems', b.line, 1, { name: kind, max: syntax.max, expected: syntax.expected });
  if (kind === 'choice' && items.length >= syntax.min && !items.some((m) => m[1] !== ' ')) fail('worksheet.noCorrectOption', b.line, 1);
  return items;
}
