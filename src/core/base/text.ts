import { problem, type Problem } from './problems';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Decodes UTF-8 or returns a problem that names the line of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  try {
    let text = strict.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text: text.replace(/\r\n?/g, '\n') };
  } catch {
    const loose = lenient.decode(bytes);
    const at = loose.indexOf('\uFFFD');
    const { line, col } = lineCol(loose, Math.max(0, at));
    return { problem: problem('file.invalidUtf8', { file, line, col }) };
  }
}

/** 1-based line and column of a character offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}

export interface FrontMatter {
  /** The YAML between the two `---` lines; it starts on line 2 of the file. */
  yaml: string;
  body: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
}

/** Splits a Markdown file into its front matter and body, or says what is wrong with the front matter. */
export function splitFrontMatter(text: string): FrontMatter | 'missing' | 'unclosed' {
  if (!text.startsWith('---\n')) return 'missing';
  const rest = text.slice(4);
  const close = /^---[ \t]*$/m.exec(rest);
  if (!close) return 'unclosed';
  const yaml = rest.slice(0, close.index);
  return { yaml, body: rest.slice(close.index + close[0].length).replace(/^\n/, ''), bodyLine: 2 + yaml.split('\n').length };
}

/** Line of the file where a top-level `key:` of front matter stands (front matter starts on line 2); 1 when absent. */
export function frontMatterLine(yaml: string, key: string): number {
  const at = new RegExp(`^${key}:`, 'm').exec(yaml)?.index;
  return at === undefined ? 1 : 1 + yaml.slice(0, at).split('\n').length;
}
