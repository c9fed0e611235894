import { lineCol } from '../base/text';

/**
 * What in an SVG picture could run code or reach outside the pack. An SVG
 * shown in `<img>` is inert, but opened on its own (in a new tab, or saved
 * and double-clicked) its scripts run; so a pack's SVG must carry none.
 * Each pattern is named by the markup the author will find in the file. The check is strict on
 * purpose: an SVG editor never needs any of these for a drawing.
 */
const DANGERS: { what: string; pattern: RegExp }[] = [
  { what: '<script>', pattern: /<script\b/i },
  { what: '<foreignObject>', pattern: /<foreignObject\b/i },
  { what: '<iframe>/<embed>/<object>', pattern: /<(iframe|embed|object)\b/i },
  { what: 'on…=', pattern: /\son[a-z]+\s*=/i },
  { what: 'javascript: / data:', pattern: /(javascript|vbscript|data)\s*:/i },
  { what: 'href', pattern: /\s(?:xlink:)?href\s*=\s*(["'])\s*(?!#)[^"']*\1/i },
  { what: '@import / url()', pattern: /@import|url\(\s*["']?\s*(?!#)/i },
  { what: '<!ENTITY>', pattern: /<!ENTITY/i },
];

/** The first dangerous thing in an SVG's text and the line it is on, or undefined for a plain drawing. */
export function svgDanger(text: string): { what: string; line: number; col: number } | undefined {
  let first: { what: string; index: number } | undefined;
  for (const { what, pattern } of DANGERS) {
    const m = pattern.exec(text);
    if (m && (!first || m.index < first.index)) first = { what, index: m.index };
  }
  if (!first) return undefined;
  return { what: first.what, ...lineCol(text, first.index) };
}
