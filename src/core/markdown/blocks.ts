import { problem, type Problem } from '../base/problems';

/** The custom blocks a lesson may use: `:::tip`, `:::warning`, `:::question`, `:::activity`, `:::teacher`. */
export const BLOCK_KINDS = ['tip', 'warning', 'question', 'activity', 'teacher'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/**
 * An activity's planned length, written before its title: `:::activity 10 min Stop and think`
 * (`мин` works too). It is not part of the title; the presentation's timer counts it down.
 */
const MINUTES_UNIT = String.raw`[ \t]*(?:min|мин)\.?(?=[ \t]|$)[ \t]*`;

/** A block's first line: group 1 is its kind, group 2 its title (an activity's minutes left out). */
export const BLOCK_OPEN = new RegExp(String.raw`^:::[ \t]*([A-Za-z][\w-]*)[ \t]*(?:(?<=^:::[ \t]*activity[ \t]+)\d{1,3}${MINUTES_UNIT})?(.*)$`);
export const BLOCK_CLOSE = /^:::[ \t]*$/;

export function isBlockKind(name: string): name is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(name);
}

/** The minutes of an `:::activity 10 min …` line, or undefined when the activity gives none (or 0). */
export function activityMinutes(line: string): number | undefined {
  const m = new RegExp(String.raw`^:::[ \t]*activity[ \t]+(\d{1,3})${MINUTES_UNIT}`).exec(line);
  const minutes = m?.[1] ? Number(m[1]) : 0;
  return minutes > 0 ? minutes : undefined;
}

/** Checks block syntax line by line, so authors get the line of a typo or a missing `:::`. */
export function checkBlocks(markdown: string, file: string, firstLine: number): Problem[] {
  const problems: Problem[] = [];
  let open: { name: string; line: number } | undefined;
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const line = firstLine + i;
    const f = /^\s*(```+|~~~+)/.exec(text);
    if (f?.[1]) {
      if (!fence) fence = f[1];
      else if (text.trim().startsWith(fence)) fence = undefined;
      return;
    }
    if (fence) return;
    if (BLOCK_CLOSE.test(text)) {
      if (open) open = undefined;
      return;
    }
    const m = BLOCK_OPEN.exec(text);
    if (!m?.[1]) return;
    if (!isBlockKind(m[1])) {
      problems.push(problem('lesson.unknownBlock', { file, line, col: 4, params: { name: m[1], known: BLOCK_KINDS.join(', ') } }));
    }
    if (open) {
      problems.push(problem('lesson.unclosedBlock', { file, line: open.line, col: 1, params: { name: open.name } }));
    }
    open = { name: m[1], line };
  });
  if (open) problems.push(problem('lesson.unclosedBlock', { file, line: open.line, col: 1, params: { name: open.name } }));
  return problems;
}
