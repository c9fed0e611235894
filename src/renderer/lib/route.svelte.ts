import { isLang, type Lang } from '../../core/base/languages';

export type PlayMode = 'pupil' | 'class';

export type Route =
  | { name: 'library' }
  | { name: 'lesson'; packId: string; lessonId: string; lang: Lang }
  | { name: 'present'; packId: string; lessonId: string; lang: Lang }
  | { name: 'scenarios' }
  | { name: 'scenario'; packId: string; scenarioId: string; lang: Lang; mode: PlayMode }
  | { name: 'preview' }
  | { name: 'classroom' }
  | { name: 'class'; code: string }
  | { name: 'pupil' }
  | { name: 'statistics' }
  | { name: 'statisticsAbout' }
  | { name: 'quiz'; packId: string; quizId: string; lang: Lang }
  | { name: 'print'; packId: string; lessonId: string; lang: Lang; doc?: string };

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'lesson' && parts[1] && parts[2] && isLang(parts[3])) {
    return { name: 'lesson', packId: parts[1], lessonId: parts[2], lang: parts[3] };
  }
  if (parts[0] === 'present' && parts[1] && parts[2] && isLang(parts[3]) && parts.length === 4) {
    return { name: 'present', packId: parts[1], lessonId: parts[2], lang: parts[3] };
  }
  if (parts[0] === 'scenarios' && parts.length === 1) return { name: 'scenarios' };
  if (parts[0] === 'scenario' && parts[1] && parts[2] && isLang(parts[3]) && (parts[4] === 'pupil' || parts[4] === 'class')) {
    return { name: 'scenario', packId: parts[1], scenarioId: parts[2], lang: parts[3], mode: parts[4] };
  }
  if (parts[0] === 'preview' && parts.length === 1) return { name: 'preview' };
  if (parts[0] === 'classroom' && parts.length === 1) return { name: 'classroom' };
  if (parts[0] === 'classroom' && parts[1] && parts.length === 2) return { name: 'class', code: parts[1] };
  if (parts[0] === 'pupil' && parts.length === 1) return { name: 'pupil' };
  if (parts[0] === 'statistics' && parts.length === 1) return { name: 'statistics' };
  if (parts[0] === 'statistics' && parts[1] === 'about' && parts.length === 2) return { name: 'statisticsAbout' };
  if (parts[0] === 'quiz' && parts[1] && parts[2] && isLang(parts[3]) && parts.length === 4) {
    return { name: 'quiz', packId: parts[1], quizId: parts[2], lang: parts[3] };
  }
  if (parts[0] === 'print' && parts[1] && parts[2] && isLang(parts[3]) && parts.length <= 5) {
    return parts[4] ? { name: 'print', packId: parts[1], lessonId: parts[2], lang: parts[3], doc: parts[4] } : { name: 'print', packId: parts[1], lessonId: parts[2], lang: parts[3] };
  }
  return { name: 'library' };
}

/** Hash routes work the same from file:// in the desktop app and from a web server. */
export const router = $state({ route: parse(location.hash) });

window.addEventListener('hashchange', () => {
  router.route = parse(location.hash);
});

export function lessonHref(packId: string, lessonId: string, lang: Lang): string {
  return `#/lesson/${encodeURIComponent(packId)}/${encodeURIComponent(lessonId)}/${lang}`;
}

/** A lesson as slides for the projector. */
export function presentHref(packId: string, lessonId: string, lang: Lang): string {
  return `#/present/${encodeURIComponent(packId)}/${encodeURIComponent(lessonId)}/${lang}`;
}

export function scenarioHref(packId: string, scenarioId: string, lang: Lang, mode: PlayMode): string {
  return `#/scenario/${encodeURIComponent(packId)}/${encodeURIComponent(scenarioId)}/${lang}/${mode}`;
}

/** A lesson's print page; `doc` preselects a worksheet ID or `certificate`. */
export function printHref(packId: string, lessonId: string, lang: Lang, doc?: string): string {
  const base = `#/print/${encodeURIComponent(packId)}/${encodeURIComponent(lessonId)}/${lang}`;
  return doc ? `${base}/${encodeURIComponent(doc)}` : base;
}

export function quizHref(packId: string, quizId: string, lang: Lang): string {
  return `#/quiz/${encodeURIComponent(packId)}/${encodeURIComponent(quizId)}/${lang}`;
}

export const classroomHref = '#/classroom';
export const pupilHomeHref = '#/pupil';
export function classHref(code: string): string {
  return `#/classroom/${encodeURIComponent(code)}`;
}

/** The administrator's statistics settings (behind the teacher's PIN), and what may leave the PC (for anyone). */
export const statisticsHref = '#/statistics';
export const statisticsAboutHref = '#/statistics/about';

export const libraryHref = '#/';
export const scenariosHref = '#/scenarios';
export const previewHref = '#/preview';
