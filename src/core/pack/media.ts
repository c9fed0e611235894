import { imageRefs } from '../markdown/render';
import { problem, type Problem } from '../base/problems';
import { MEDIA_TYPES } from './schema';

/** The type a media file is stored and served with, from its extension; undefined for a type packs may not carry. */
export function mediaType(path: string): string | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MEDIA_TYPES[ext];
}

/**
 * Where an image reference in a lesson points inside the pack: `media/x.png`
 * from the pack root, or a path relative to the lesson file. 'remote' for
 * anything with a scheme; null for a path that leaves the pack or media/.
 */
export function resolveMediaPath(src: string, fromFile: string): string | 'remote' | null {
  let s = src.trim();
  try {
    s = decodeURI(s);
  } catch {
    return null;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//')) return 'remote';
  s = s.split(/[?#]/, 1)[0] ?? '';
  const parts = s.startsWith('media/') ? [] : fromFile.split('/').slice(0, -1);
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  const path = parts.join('/');
  return path.startsWith('media/') ? path : null;
}

/** Every picture a Markdown text shows must be in the pack's media folder. `firstLine` is the text's line in its file. */
export function checkImages(markdown: string, file: string, firstLine: number, mediaPaths: ReadonlySet<string>, problems: Problem[]): void {
  for (const ref of imageRefs(markdown)) {
    const at = { file, line: firstLine + ref.line - 1, col: ref.col };
    const target = resolveMediaPath(ref.src, file);
    if (target === 'remote') problems.push(problem('lesson.remoteImage', { ...at, params: { src: ref.src } }));
    else if (!target || !mediaPaths.has(target)) problems.push(problem('lesson.missingMedia', { ...at, params: { src: ref.src } }));
  }
}
