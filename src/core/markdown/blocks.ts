import { problem, type Problem } from '../pack/problems';

/** The custom blocks a lesson may use: `:::tip`, `:::warning`, `:::question`, `:::activity`, `:::teacher`. */
export const BLOCK_KINDS = ['tip', 'warning', 'question', 'activity', 'teacher'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const BLOCK_OPEN = /^:::[ \t]*([A-Za-z][\w-]*)[ \t]*(.*)$/;
export const BLOCK_CLOSE = /^:::[ \t]*$/;

export function isBlockKind(name: string): name is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(name);
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
