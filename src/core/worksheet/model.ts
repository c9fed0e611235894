import type { Lang } from '../base/languages';
import type { QuestionKind, WorksheetKind } from './schema';

/**
 * A worksheet or family letter as the app prints it: the front matter and the
 * body as a list of items. Plain data (JSON-safe), so it can be stored as is.
 * Markdown fields are Markdown source; createWorksheetRenderer turns them into HTML.
 */
export interface Worksheet {
  id: string;
  /** The lesson of the same pack this worksheet belongs to. */
  lesson: string;
  kind: WorksheetKind;
  lang: Lang;
  title: string;
  minutes?: number;
  order?: number;
  /** When a handout's facts were last checked (YYYY-MM-DD). */
  checked?: string;
  items: WorksheetItem[];
}

export type WorksheetItem = Prose | Question | Talk;

interface ItemBase {
  /** Line of the file where the item starts, for messages. */
  line: number;
}

/** Text between blocks: a heading starts a new section. Printed the same in every copy. */
export interface Prose extends ItemBase {
  kind: 'prose';
  markdown: string;
  /**
   * Instructions and headings belong to what follows them: pagination keeps
   * this item on the same page as the next one whenever both fit on a page.
   */
  keepWithNext: boolean;
}

interface QuestionBase extends ItemBase {
  kind: QuestionKind;
  /** 1, 2, 3… in the order of the sheet, the same in every language. */
  number: number;
  /** What the pupil is asked to do (Markdown). */
  prompt: string;
  /** The teacher's answer (Markdown), printed only in the answer key. */
  answer?: string;
}

/** `:::lines N`: N write-in lines. */
export interface LinesQuestion extends QuestionBase {
  kind: 'lines';
  lines: number;
}

/** `:::box N` and `:::drawing N`: an empty frame N lines (cm) tall, to write or draw in. */
export interface BoxQuestion extends QuestionBase {
  kind: 'box' | 'drawing';
  height: number;
}

export interface ChoiceOption {
  text: string;
  /** `- [x]`: ticked in the answer key only. */
  correct: boolean;
}

/** `:::choice`: options with tick boxes; one or more are right. */
export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: ChoiceOption[];
}

export interface Statement {
  text: string;
  true: boolean;
}

/** `:::truefalse`: statements, each with a "true" and a "false" box. */
export interface TrueFalseQuestion extends QuestionBase {
  kind: 'truefalse';
  statements: Statement[];
}

export interface Pair {
  left: string;
  right: string;
}

/** `:::match`: two columns; the pupil writes the letter of the right-hand item beside each left-hand one. */
export interface MatchQuestion extends QuestionBase {
  kind: 'match';
  /** As the author wrote them: each left with its right. */
  pairs: Pair[];
  /**
   * The right column of the pupil copy, top to bottom, as indices into
   * `pairs`: a shuffle seeded by the worksheet id and the question number,
   * so every copy, every print and every language shows the same order.
   */
  rightOrder: number[];
}

/** `:::order`: steps the pupil numbers in the right order. */
export interface OrderQuestion extends QuestionBase {
  kind: 'order';
  /** In the right order. */
  steps: string[];
  /** The pupil copy's order, as indices into `steps` (seeded like MatchQuestion.rightOrder). */
  shuffled: number[];
}

/** `:::cards`: scenario cards to cut out along dashed lines. */
export interface CardsQuestion extends QuestionBase {
  kind: 'cards';
  cards: string[];
}

export type Question = LinesQuestion | BoxQuestion | ChoiceQuestion | TrueFalseQuestion | MatchQuestion | OrderQuestion | CardsQuestion;

/** `:::talk` in a family letter: the things to talk about at home. */
export interface Talk extends ItemBase {
  kind: 'talk';
  /** Optional sentence before the list (Markdown). */
  intro: string;
  points: string[];
}

export function isQuestion(item: WorksheetItem): item is Question {
  return item.kind !== 'prose' && item.kind !== 'talk';
}
