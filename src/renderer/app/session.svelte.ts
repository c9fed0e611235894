import { randomId } from '../../core/base/bytes';
import type { Lang } from '../../core/base/languages';
import type { QuizAnswer, QuizScore } from '../../core/quiz/score';
import { preferences } from '../lib/preferences';
import { classroom } from './data';

export interface SignedInPupil {
  code: string;
  class: string;
}

/**
 * Who uses this PC now. A PC set up for pupils stays in pupil mode across
 * restarts until a teacher enters the PIN; the pupil signed in belongs to
 * this window only.
 */
class ClassroomSession {
  /** The PC is a pupils' station: only sign-in and the pupil's own work are on screen. The keeper says so (app/teacher.svelte.ts). */
  pupilStation = $state(false);
  pupil = $state<SignedInPupil | null>(preferences.pupil.get());
  /** The teacher entered the PIN in this window. */
  teacherUnlocked = $state(false);

  signIn(pupil: SignedInPupil): void {
    this.pupil = pupil;
    preferences.pupil.set(pupil);
  }

  signOut(): void {
    this.pupil = null;
    preferences.pupil.clear();
  }
}

export const session = new ClassroomSession();

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Keeps a finished quiz for the signed-in pupil. Without a signed-in pupil
 * (a teacher trying the quiz) nothing is stored; returns whether it was.
 */
export async function recordQuizAttempt(attempt: {
  quizKey: string;
  packVersion: string;
  lang: Lang;
  answers: Record<string, QuizAnswer>;
  score: QuizScore;
  startedAt: number;
  finishedAt: number;
}): Promise<boolean> {
  const pupil = session.pupil;
  if (!pupil) return false;
  const row = {
    id: randomId(),
    pupil: pupil.code,
    class: pupil.class,
    quiz: attempt.quizKey,
    packVersion: attempt.packVersion,
    lang: attempt.lang,
    answers: attempt.answers,
    points: attempt.score.points,
    max: attempt.score.max,
    percent: attempt.score.percent,
    ...(attempt.score.passed === undefined ? {} : { passed: attempt.score.passed }),
    startedAt: iso(attempt.startedAt),
    finishedAt: iso(attempt.finishedAt),
  };
  await classroom.addAttempt(row);
  return true;
}
