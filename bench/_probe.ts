import { Marked, marked } from 'marked';
import { createLessonRenderer } from '../src/core/markdown/render';
import { BLOCK_CLOSE, BLOCK_OPEN, isBlockKind } from '../src/core/markdown/blocks';
import { longLesson } from './corpus';

export function run() {
  const { body } = longLesson('kk', 5000);
  const r = createLessonRenderer({ audience: 'teacher', labels: { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' }, resolveImage: () => 'blob:x' });
  // same tokenizer but bail out early
  const fast = {
    name: 'qblock', level: 'block' as const,
    start: (src: string) => src.match(/^:::/m)?.index,
    tokenizer(this: any, src: string) {
      if (!src.startsWith(':::')) return undefined;
      const lines = src.split('\n');
      const m = BLOCK_OPEN.exec(lines[0] ?? '');
      if (!m?.[1] || !isBlockKind(m[1])) return undefined;
      const end = lines.findIndex((l, i) => i > 0 && BLOCK_CLOSE.test(l));
      if (end === -1) return undefined;
      const raw = lines.slice(0, end + 1).join('\n') + (lines.length > end + 1 ? '\n' : '');
      const inner = lines.slice(1, end).join('\n');
      const token: any = { type: 'qblock', raw, kind: m[1], title: (m[2] ?? '').trim(), tokens: [] };
      this.lexer.blockTokens(inner, token.tokens);
      return token;
    },
    renderer(this: any, t: any) { return `<aside>${this.parser.parse(t.tokens)}</aside>`; },
  };
  const mf = new Marked({ gfm: true, async: false, extensions: [fast] });
  let calls = 0; let chars = 0;
  const counting = { ...fast, tokenizer(this: any, src: string) { calls++; chars += src.length; return fast.tokenizer.call(this, src); } };
  new Marked({ gfm: true, async: false, extensions: [counting] }).parse(body);
  const time = (f: () => unknown) => { for (let i = 0; i < 10; i++) f(); const ts: number[] = []; for (let i = 0; i < 30; i++) { const t = performance.now(); f(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); return ts[15]!.toFixed(2); };
  return {
    chars: body.length, tokenizerCalls: calls, charsSeen: chars,
    marked: time(() => marked.parse(body)),
    lessonRenderer: time(() => r(body)),
    lessonRendererNew: time(() => createLessonRenderer({ audience: 'teacher', labels: { tip: 'a', warning: 'b', question: 'c', activity: 'd', teacher: 'e' }, resolveImage: () => 'blob:x' })(body)),
    earlyBail: time(() => mf.parse(body)),
  };
}
