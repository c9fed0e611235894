import { Lexer, type Token } from 'marked';
import { activityMinutes, BLOCK_CLOSE, BLOCK_OPEN, isBlockKind, type BlockKind } from './blocks';

/**
 * A lesson as slides for the projector. The rules (docs/pack-format.md, "Slides"):
 *
 * - the first slide is the title slide: the lesson's title and its objectives;
 *   a `# Title` line at the top of the lesson is not shown again;
 * - text before the first `##` heading (the lesson's opening) is the next slide;
 * - every `#` or `##` heading starts a new slide, titled with the heading;
 * - a thematic break (`---`, `***` or `___` alone on a line, after an empty
 *   line) also starts a new slide, which keeps the title of the slide before;
 *   a break that would leave a slide empty is ignored;
 * - code fences and `:::` blocks are never split, and the lines inside them
 *   are never headings or breaks;
 * - `:::teacher` blocks never appear on a slide: they become the notes of the
 *   slide they are written on;
 * - the first `:::activity` on a slide gives the slide a timer, counting down
 *   from `:::activity 10 min …` or up when no minutes are given;
 * - nothing is cut to fit: a long section stays one slide, which scrolls.
 */

export type SlideKind = 'title' | 'opening' | 'section';

/** A `:::teacher` block: its title and the Markdown inside it. */
export interface SlideNote {
  title: string;
  markdown: string;
}

export interface SlideActivity {
  title: string;
  /** Planned minutes; the timer counts down from these. Undefined: it counts up. */
  minutes?: number;
}

export interface Slide {
  kind: SlideKind;
  /** Plain text: the lesson's title, or the heading that started the section. */
  title: string;
  /** The lesson's objectives, on the title slide only. */
  objectives: string[];
  /** Markdown shown under the title: no heading of its own, no teacher blocks. */
  body: string;
  /** The teacher's notes for this slide, in the order written. */
  notes: SlideNote[];
  activity?: SlideActivity;
  /** Line of the Markdown (1-based) where the slide's text starts. */
  line: number;
  /** A later part of a section split with `---`. */
  continued: boolean;
}

export interface SlideLesson {
  /** The lesson's title from its front matter; when empty, the `# Title` line is used. */
  title: string;
  objectives: readonly string[];
}

const FENCE = /^\s*(```+|~~~+)/;
const HEADING = /^ {0,3}(#{1,2})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

interface Draft {
  kind: SlideKind;
  title: string;
  lines: string[];
  notes: SlideNote[];
  activity?: SlideActivity;
  line: number;
  continued: boolean;
}

/** Splits a lesson's Markdown body (front matter removed) into slides. */
export function lessonSlides(markdown: string, lesson: SlideLesson): Slide[] {
  const lines = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const titleSlide: Slide = { kind: 'title', title: lesson.title.trim(), objectives: [...lesson.objectives], body: '', notes: [], line: 1, continued: false };
  const slides: Slide[] = [titleSlide];
  const draft = (kind: SlideKind, title: string, line: number, continued = false): Draft => ({ kind, title, lines: [], notes: [], line, continued });
  let current = draft('opening', titleSlide.title, 1);

  const finish = (d: Draft) => {
    const body = trimBlankLines(d.lines).join('\n');
    const last = slides[slides.length - 1] ?? titleSlide;
    if (!body && d.kind !== 'section') {
      last.notes.push(...d.notes);
      return;
    }
    if (!body && d.continued) {
      last.notes.push(...d.notes);
      return;
    }
    slides.push({ kind: d.kind, title: d.title, objectives: [], body, notes: d.notes, activity: d.activity, line: d.line, continued: d.continued });
  };

  let fence: string | undefined;
  let block: { kind: BlockKind; title: string; open: string; lines: string[] } | undefined;
  let seenText = false;
  // Whether the line before is text that a `---` would turn into a heading underline.
  let afterText = false;

  lines.forEach((text, i) => {
    const line = i + 1;
    if (block) {
      if (BLOCK_CLOSE.test(text)) {
        if (block.kind === 'teacher') current.notes.push({ title: block.title, markdown: trimBlankLines(block.lines).join('\n') });
        else current.lines.push(block.open, ...block.lines, text);
        block = undefined;
        afterText = false;
      } else {
        block.lines.push(text);
      }
      return;
    }
    const f = FENCE.exec(text);
    if (fence || f?.[1]) {
      if (!fence && f?.[1]) fence = f[1];
      else if (fence && text.trim().startsWith(fence)) fence = undefined;
      current.lines.push(text);
      seenText = true;
      afterText = false;
      return;
    }
    const open = BLOCK_OPEN.exec(text);
    if (open?.[1] && isBlockKind(open[1])) {
      block = { kind: open[1], title: (open[2] ?? '').trim(), open: text, lines: [] };
      if (block.kind === 'activity' && !current.activity) {
        current.activity = { title: inlineText(block.title), minutes: activityMinutes(text) };
      }
      seenText = true;
      return;
    }
    const heading = HEADING.exec(text);
    if (heading?.[1]) {
      const title = inlineText(heading[2] ?? '');
      if (heading[1] === '#' && !seenText) {
        // The lesson's own title line: the title slide shows it.
        if (!titleSlide.title) titleSlide.title = current.title = title;
      } else {
        finish(current);
        current = draft('section', title, line);
      }
      seenText = true;
      afterText = false;
      return;
    }
    if (BREAK.test(text) && !afterText) {
      // A break with nothing above it since the last split would leave an empty slide.
      if (!current.lines.some((l) => l.trim())) return;
      finish(current);
      current = draft(current.kind, current.title, line + 1, true);
      return;
    }
    current.lines.push(text);
    if (text.trim()) seenText = true;
    afterText = text.trim() !== '';
  });
  // Lint refuses a block left open; should one get here, a teacher's block still stays off the slide.
  if (block) {
    const b: { kind: BlockKind; title: string; open: string; lines: string[] } = block;
    if (b.kind === 'teacher') current.notes.push({ title: b.title, markdown: trimBlankLines(b.lines).join('\n') });
    else current.lines.push(b.open, ...b.lines);
  }
  finish(current);
  return slides;
}

/** A slide's teacher notes as lesson Markdown: `:::teacher` blocks, for the lesson renderer's teacher view. */
export function notesMarkdown(slide: Pick<Slide, 'notes'>): string {
  return slide.notes.map((n) => `:::teacher ${n.title}`.trimEnd() + `\n${n.markdown}\n:::`).join('\n\n');
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && !lines[start]?.trim()) start++;
  while (end > start && !lines[end - 1]?.trim()) end--;
  return lines.slice(start, end);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** The words of one line of inline Markdown (a heading, a block title), without its marks. */
export function inlineText(markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      const children = (t as { tokens?: Token[] }).tokens;
      if (children?.length) walk(children);
      else if (t.type === 'br') out.push(' ');
      else if (t.type !== 'html' && 'text' in t && typeof t.text === 'string') out.push(t.text);
    }
  };
  walk(Lexer.lexInline(markdown, { gfm: true }));
  return out
    .join('')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
