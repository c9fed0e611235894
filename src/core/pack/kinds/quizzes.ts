import { compareText } from '../../base/order';
import { parseQuiz } from '../../quiz/lint';
import { quizSchema, type Quiz } from '../../quiz/schema';
import type { ContentKind } from './kind';

/** A quiz, `quizzes/<id>.yaml`, belonging to a lesson of the pack, with its text in every language (docs/quiz-format.md). */
export interface LoadedQuiz {
  quizId: string;
  path: string;
  quiz: Quiz;
}

const PATH = /^quizzes\/([^/]+)\.yaml$/;

export const quizKind: ContentKind<'quizzes', LoadedQuiz> = {
  key: 'quizzes',
  match(path) {
    const m = PATH.exec(path);
    return m?.[1] ? { name: m[1] } : undefined;
  },
  jsonSchema: { file: 'quiz.schema.json', schema: quizSchema },
  async load(files, { meta, problems, lessonIds, readText }) {
    const quizzes: LoadedQuiz[] = [];
    for (const { file } of files) {
      const text = await readText(file);
      if (text === undefined || !meta) continue;
      const parsed = parseQuiz(text, file.path, meta.languages, lessonIds);
      problems.push(...parsed.problems);
      if (parsed.quiz) quizzes.push({ quizId: parsed.quiz.id, path: file.path, quiz: parsed.quiz });
    }
    return quizzes;
  },
  compare: (a, b) => compareText(a.quizId, b.quizId),
};
