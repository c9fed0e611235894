import { isLang, type Lang } from '../../core/languages';

export type Route = { name: 'library' } | { name: 'lesson'; packId: string; lessonId: string; lang: Lang };

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'lesson' && parts[1] && parts[2] && isLang(parts[3])) {
    return { name: 'lesson', packId: parts[1], lessonId: parts[2], lang: parts[3] };
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

export const libraryHref = '#/';
