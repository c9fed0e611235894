import type { Lang } from '../base/languages';
import { problem, type Problem, type ProblemCode } from '../base/problems';
import { parseYaml } from '../base/yaml';
import { yamlLocator, type YamlLocator, type YamlPath } from '../base/locate';
import { compareText } from '../base/order';
import { QUIZ_KINDS, quizSchema, quizTextFields, type LocalText, type Quiz } from './schema';

/** Every problem code lint.ts reports, beyond the schema's. A unit test checks each has a message in every language. */
export const QUIZ_PROBLEMS = [
  'quiz.idMismatch',
  'quiz.unknownLesson',
  'quiz.noLesson',
  'quiz.checkWithLesson',
  'quiz.checkQuestion',
  'quiz.duplicateId',
  'quiz.missingText',
  'quiz.noCorrectOption',
  'quiz.severalCorrect',
  'quiz.sameText',
] as const satisfies readonly ProblemCode[];

// Compile-time check that the list above names every quiz code of the ProblemCode union.
type Unlisted = Exclude<Extract<ProblemCode, `quiz.${string}`>, (typeof QUIZ_PROBLEMS)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

export interface ParsedQuiz {
  /** Only when there are no problems: scoring may assume a quiz it gets from here is sound. */
  quiz?: Quiz;
  problems: Problem[];
}

/**
 * Reads and checks one quiz file. `file` is its path inside the pack
 * (`quizzes/<id>.yaml`), `languages` the pack's languages (every text must
 * exist in each), `lessonIds` the lessons of the pack (the quiz must belong
 * to one of them). Problems come sorted by line.
 */
export function parseQuiz(source: string, file: string, languages: readonly Lang[], lessonIds: ReadonlySet<string>): ParsedQuiz {
  const parsed = parseYaml(source, quizSchema, file);
  if (!parsed.value) return { problems: parsed.problems.map(kindProblem) };
  const problems = lintQuiz(parsed.value, file, languages, lessonIds, yamlLocator(source, file));
  return problems.length ? { problems } : { quiz: parsed.value, problems };
}

const KIND_PATH = /^questions\.\d+\.kind$/;

/** zod reports an unknown or missing `kind` (the union's discriminator) as a wrong format; say which kinds exist instead. */
function kindProblem(p: Problem): Problem {
  const field = p.params?.field;
  if (p.code !== 'schema.format' || typeof field !== 'string' || !KIND_PATH.test(field)) return p;
  return { ...p, code: 'schema.notOneOf', params: { field, values: QUIZ_KINDS.join(', ') } };
}

/** The checks that need the whole quiz or the pack: names, languages, right answers. */
function lintQuiz(quiz: Quiz, file: string, languages: readonly Lang[], lessonIds: ReadonlySet<string>, loc: YamlLocator): Problem[] {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, path: YamlPath, params: Record<string, string | number>) => {
    problems.push(problem(code, { ...loc.at(path), params }));
  };

  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  if (quiz.id !== name) report('quiz.idMismatch', ['id'], { id: quiz.id, name });
  if (quiz.purpose === 'check') {
    // A check belongs to no lesson: its situations are taken before a course and again after it, one topic each.
    if (quiz.lesson !== undefined) report('quiz.checkWithLesson', ['lesson'], {});
    quiz.questions.forEach((q, i) => {
      if (q.kind !== 'single' || q.topic === undefined) report('quiz.checkQuestion', ['questions', i, q.kind !== 'single' ? 'kind' : 'id'], { id: q.id });
    });
  } else if (quiz.lesson === undefined) {
    report('quiz.noLesson', ['id'], { known: [...lessonIds].sort(compareText).join(', ') });
  } else if (!lessonIds.has(quiz.lesson)) {
    report('quiz.unknownLesson', ['lesson'], { lesson: quiz.lesson, known: [...lessonIds].sort(compareText).join(', ') });
  }

  // IDs used twice: the first one wins; later ones are reported with the line of the first.
  const unique = (ids: { id: string; path: YamlPath }[]) => {
    const first = new Map<string, YamlPath>();
    for (const { id, path } of ids) {
      const seen = first.get(id);
      if (seen) report('quiz.duplicateId', path, { id, first: loc.at(seen).line });
      else first.set(id, path);
    }
  };
  unique(quiz.questions.map((q, i) => ({ id: q.id, path: ['questions', i, 'id'] })));
  quiz.questions.forEach((q, i) => {
    const parts = q.kind === 'single' || q.kind === 'multiple' ? ['options', q.options] as const : q.kind === 'order' ? ['items', q.items] as const : q.kind === 'match' ? ['pairs', q.pairs] as const : undefined;
    if (parts) unique(parts[1].map((p, j) => ({ id: p.id, path: ['questions', i, parts[0], j, 'id'] })));
  });

  // Text in every language of the pack.
  const langs = [...new Set(languages)];
  for (const { path, text } of quizTextFields(quiz)) {
    for (const lang of langs) {
      if (text[lang] === undefined) report('quiz.missingText', path, { field: path.join('.'), lang });
    }
  }

  // Right answers, and options a pupil could not tell apart.
  quiz.questions.forEach((q, i) => {
    const at = ['questions', i] as const;
    if (q.kind === 'single' || q.kind === 'multiple') {
      const right = q.options.filter((o) => o.correct === true).length;
      if (right === 0) report('quiz.noCorrectOption', [...at, 'options'], { kind: q.kind });
      if (q.kind === 'single' && right > 1) report('quiz.severalCorrect', [...at, 'options'], { count: right });
      sameText(q.options.map((o) => o.text), [...at, 'options'], 'text');
    } else if (q.kind === 'order') {
      sameText(q.items.map((item) => item.text), [...at, 'items'], 'text');
    } else if (q.kind === 'match') {
      sameText(q.pairs.map((p) => p.left), [...at, 'pairs'], 'left');
      sameText(q.pairs.map((p) => p.right), [...at, 'pairs'], 'right');
    }
  });

  function sameText(texts: LocalText[], path: YamlPath, key: string): void {
    for (const lang of langs) {
      const first = new Map<string, number>();
      texts.forEach((t, j) => {
        const text = t[lang]?.trim().toLocaleLowerCase(lang);
        if (text === undefined) return;
        const seen = first.get(text);
        if (seen === undefined) first.set(text, j);
        else report('quiz.sameText', [...path, j, key, lang], { field: [...path, j, key].join('.'), lang, other: [...path, seen, key].join('.') });
      });
    }
  }

  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** The quizzes of one lesson, as the lesson lists them: by order, then title in `lang`. */
export function quizzesOfLesson<Q extends { quiz: Quiz }>(all: readonly Q[], lessonId: string, lang: Lang): Q[] {
  return all
    .filter((q) => q.quiz.lesson === lessonId)
    .sort((a, b) => (a.quiz.order ?? 1e9) - (b.quiz.order ?? 1e9) || compareText(a.quiz.title[lang] ?? '', b.quiz.title[lang] ?? '') || compareText(a.quiz.id, b.quiz.id));
}
