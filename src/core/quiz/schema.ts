import { z } from 'zod';
import type { Lang } from '../base/languages';
import { idSchema, TOPICS } from '../base/vocabulary';

/**
 * The one place that says what a quiz file (`quizzes/<id>.yaml`) may
 * contain. The schema checks shapes; what needs the whole file or the pack
 * (ids, languages, right answers, the lesson) is checked by lint.ts. See
 * docs/quiz-format.md; docs/schema/quiz.schema.json is generated from here.
 */

export const QUIZ_KINDS = ['single', 'multiple', 'truefalse', 'order', 'match'] as const;
export type QuizKind = (typeof QUIZ_KINDS)[number];

/** Limits that keep a quiz answerable on one screen per question and its file small. */
const QUIZ_LIMITS = { questions: 30, options: 8, items: 8, pairs: 8 } as const;

const words = (max: number) => z.string().trim().min(1).max(max);
/** Text in each language of the pack. Languages are optional here; lint names the missing ones. */
const localText = (max: number, what: string) =>
  z.strictObject({ kk: words(max).optional(), ru: words(max).optional(), en: words(max).optional() }).describe(`${what}, in each language of the pack`);
export type LocalText = Partial<Record<Lang, string>>;

const questionId = idSchema.describe('Stable ID, unique in the quiz. Stored with every answer: never change it once the quiz is used in class.');
const partId = idSchema.describe('Stable ID, unique in the question. Stored with every answer: never change it once the quiz is used in class.');
const questionText = localText(1000, 'The question');
const explanation = localText(2000, 'Shown after the pupil answers, whatever the answer').optional();

const optionSchema = z.strictObject({
  id: partId,
  text: localText(300, 'The option as the pupil sees it'),
  correct: z.boolean().optional().describe('true for a right option; leave it out for a wrong one'),
  feedback: localText(1000, 'Shown after answering when the pupil picked this option, or missed it although it is right'),
});

const orderItemSchema = z.strictObject({
  id: partId,
  text: localText(300, 'The step as the pupil sees it'),
  feedback: localText(1000, 'Shown after answering when the pupil put this step in a wrong place').optional(),
});

const matchPairSchema = z.strictObject({
  id: partId,
  left: localText(300, 'The left-hand side, shown in this order'),
  right: localText(300, 'What belongs to it; the right-hand column is shuffled'),
  feedback: localText(1000, 'Shown after answering when the pupil matched this pair wrongly or not at all').optional(),
});

const questionSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      id: questionId,
      kind: z.literal('single'),
      topic: z.enum(TOPICS).optional().describe('In a check (purpose: check), the topic this situation tests; its right option is the safe action'),
      text: questionText,
      options: z.array(optionSchema).min(2).max(QUIZ_LIMITS.options).describe('The options, shown in this order; exactly one is correct: true'),
      explanation,
    })
    .describe('One right answer: the pupil picks one option'),
  z
    .strictObject({
      id: questionId,
      kind: z.literal('multiple'),
      text: questionText,
      options: z.array(optionSchema).min(2).max(QUIZ_LIMITS.options).describe('The options, shown in this order; at least one is correct: true'),
      explanation,
    })
    .describe('Several right answers: the pupil ticks every option that fits'),
  z
    .strictObject({
      id: questionId,
      kind: z.literal('truefalse'),
      text: localText(1000, 'The statement the pupil judges'),
      answer: z.boolean().describe('true when the statement is true'),
      ifTrue: localText(1000, 'Shown after the pupil answers “true”'),
      ifFalse: localText(1000, 'Shown after the pupil answers “false”'),
      explanation,
    })
    .describe('A statement the pupil marks as true or false'),
  z
    .strictObject({
      id: questionId,
      kind: z.literal('order'),
      text: questionText,
      items: z.array(orderItemSchema).min(2).max(QUIZ_LIMITS.items).describe('The steps IN THE RIGHT ORDER; the app shuffles them'),
      explanation,
    })
    .describe('Steps the pupil puts in the right order'),
  z
    .strictObject({
      id: questionId,
      kind: z.literal('match'),
      text: questionText,
      pairs: z.array(matchPairSchema).min(2).max(QUIZ_LIMITS.pairs).describe('Each left with its right, as they belong together; the app shuffles the right column'),
      explanation,
    })
    .describe('Two columns the pupil matches'),
]);
export type QuizQuestion = z.infer<typeof questionSchema>;
export type QuestionOf<K extends QuizKind> = Extract<QuizQuestion, { kind: K }>;

export const quizSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to this JSON Schema, for editors'),
    id: idSchema.describe('Stable ID of the quiz, equal to the file name. Results are kept by pack ID and quiz ID: never change it once used in class.'),
    purpose: z
      .enum(['quiz', 'check'])
      .optional()
      .describe('quiz (the default): belongs to a lesson; check: the same situations before and after a course, for the class’s before/after view, with no lesson'),
    lesson: idSchema.optional().describe('ID of the lesson in the same pack that this quiz belongs to; required unless purpose is check'),
    title: localText(200, 'Title'),
    passMark: z.number().int().min(1).max(100).optional().describe('Percent a pupil needs to pass; without it the app shows the score only'),
    order: z.number().int().min(0).max(10000).optional().describe('Position among the quizzes of its lesson; listed by order, then title'),
    questions: z.array(questionSchema).min(1).max(QUIZ_LIMITS.questions),
  })
  .describe('quizzes/<id>.yaml: a Qorgau quiz, with its text in every language of the pack');
export type Quiz = z.infer<typeof quizSchema>;

/** Where a piece of text sits in a quiz: the path used in messages, and the text. */
export interface QuizTextField {
  path: (string | number)[];
  text: LocalText;
}

/** Every piece of pupil-facing text, in file order. Lint uses it to find missing languages. */
export function quizTextFields(quiz: Quiz): QuizTextField[] {
  const out: QuizTextField[] = [{ path: ['title'], text: quiz.title }];
  const add = (path: (string | number)[], text: LocalText | undefined) => {
    if (text) out.push({ path, text });
  };
  quiz.questions.forEach((q, i) => {
    const at = ['questions', i];
    add([...at, 'text'], q.text);
    switch (q.kind) {
      case 'single':
      case 'multiple':
        q.options.forEach((o, j) => {
          add([...at, 'options', j, 'text'], o.text);
          add([...at, 'options', j, 'feedback'], o.feedback);
        });
        break;
      case 'truefalse':
        add([...at, 'ifTrue'], q.ifTrue);
        add([...at, 'ifFalse'], q.ifFalse);
        break;
      case 'order':
        q.items.forEach((item, j) => {
          add([...at, 'items', j, 'text'], item.text);
          add([...at, 'items', j, 'feedback'], item.feedback);
        });
        break;
      case 'match':
        q.pairs.forEach((p, j) => {
          add([...at, 'pairs', j, 'left'], p.left);
          add([...at, 'pairs', j, 'right'], p.right);
          add([...at, 'pairs', j, 'feedback'], p.feedback);
        });
        break;
    }
    add([...at, 'explanation'], q.explanation);
  });
  return out;
}

/** The text in one language; lint guarantees every language of the pack is there. */
export function quizText(text: LocalText, lang: Lang): string {
  return text[lang] ?? '';
}
