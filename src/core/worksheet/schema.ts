import { z } from 'zod';
import { idSchema, titleSchema } from '../base/vocabulary';

/**
 * Worksheets and family letters: `worksheets/<id>/<lang>.md`, front matter
 * then Markdown with blocks. The format is described in docs/worksheet-format.md;
 * docs/schema/worksheet.schema.json is generated from the schema below.
 */
export const WORKSHEET_KINDS = ['worksheet', 'family-letter', 'handout'] as const;
export type WorksheetKind = (typeof WORKSHEET_KINDS)[number];

export const worksheetFrontMatterSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: idSchema.describe('Stable ID of the worksheet; the same in every language and equal to its folder name'),
    lesson: idSchema.describe('ID of the lesson in the same pack that this worksheet belongs to'),
    kind: z.enum(WORKSHEET_KINDS).describe('worksheet: questions for pupils, printed as pupil copies and an answer key; family-letter: one page for parents; handout: a page to read and keep, such as a platform card'),
    title: titleSchema.describe('Title in this language, printed at the top of the page'),
    minutes: z.number().int().min(1).max(240).optional().describe('How long pupils need, in minutes'),
    order: z.number().int().min(0).max(10000).optional().describe('Position among the worksheets of its lesson; listed by order, then title'),
    checked: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('YYYY-MM-DD: when the facts of a handout about something that changes (a real platform’s settings) were last checked; printed on the page'),
  })
  .describe('Front matter of a worksheet or family letter worksheets/<id>/<lang>.md');
export type WorksheetFrontMatter = z.infer<typeof worksheetFrontMatterSchema>;

/** Question blocks: each has a prompt and may carry the teacher's answer. Numbered 1, 2, 3… on the sheet. */
export const QUESTION_KINDS = ['lines', 'box', 'choice', 'truefalse', 'match', 'order', 'drawing', 'cards'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Blocks each kind of file may use. */
export const BLOCKS_OF: Record<WorksheetKind, readonly string[]> = {
  worksheet: QUESTION_KINDS,
  'family-letter': ['talk'],
  handout: [],
};

/**
 * Blocks with a size after their name (`:::lines 4`): how many write-in
 * lines, or how tall a box is in the same unit (one line, 1 cm on paper).
 */
export const SIZED: Partial<Record<QuestionKind, { min: number; max: number; default: number }>> = {
  lines: { min: 1, max: 20, default: 3 },
  box: { min: 1, max: 24, default: 4 },
  drawing: { min: 2, max: 24, default: 8 },
};

/** How many points a family letter's `:::talk` block lists: the issue asks for three things to talk about at home. */
export const TALK_POINTS = 3;
