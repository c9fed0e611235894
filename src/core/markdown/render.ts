import { Marked, type Token, type Tokens, type TokenizerExtension, type RendererExtension } from 'marked';
import { BLOCK_OPEN, isBlockKind, type BlockKind } from './blocks';

export type Audience = 'pupil' | 'teacher';

export interface RenderOptions {
  /** Who is reading: teacher notes are left out of the pupil view entirely. */
  audience: Audience;
  /** Translated label for each block kind, in the lesson's language. */
  labels: Record<BlockKind, string>;
  /** Maps an image reference to a displayable URL, or null when it is not the pack's own media. */
  resolveImage: (src: string) => string | null;
}

interface BlockToken extends Tokens.Generic {
  type: 'qblock';
  kind: BlockKind;
  title: string;
  tokens: Token[];
}

const blockTokenizer: TokenizerExtension = {
  name: 'qblock',
  level: 'block',
  start: (src) => src.match(/^:::/m)?.index,
  tokenizer(src) {
    // Called at every block of the lesson: decide from the first line alone, and
    // look for the closing line only in a block that really starts here.
    if (!src.startsWith(':::')) return undefined;
    const firstEnd = src.indexOf('\n');
    const m = BLOCK_OPEN.exec(firstEnd === -1 ? src : src.slice(0, firstEnd));
    if (!m?.[1] || !isBlockKind(m[1]) || firstEnd === -1) return undefined;
    const close = /^:::[ \t]*$/m;
    const closeAt = close.exec(src.slice(firstEnd + 1));
    if (!closeAt) return undefined;
    const innerEnd = firstEnd + 1 + closeAt.index;
    const afterClose = innerEnd + closeAt[0].length;
    const raw = src.slice(0, src[afterClose] === '\n' ? afterClose + 1 : afterClose);
    const inner = src.slice(firstEnd + 1, Math.max(firstEnd + 1, innerEnd - 1));
    const token: BlockToken = { type: 'qblock', raw, kind: m[1], title: (m[2] ?? '').trim(), tokens: [] };
    this.lexer.blockTokens(inner, token.tokens);
    return token;
  },
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SAFE_LINK = /^https?:\/\//i;

/** Renders lesson Markdown to HTML. The output still goes through DOMPurify in the renderer. */
export function createLessonRenderer(options: RenderOptions): (markdown: string) => string {
  const blockRenderer: RendererExtension = {
    name: 'qblock',
    renderer(token) {
      const t = token as BlockToken;
      if (t.kind === 'teacher' && options.audience === 'pupil') return '';
      const label = escapeHtml(options.labels[t.kind]);
      const title = t.title ? `<span class="qb-title">${escapeHtml(t.title)}</span>` : '';
      return `<aside class="qb qb-${t.kind}" data-block="${t.kind}"><p class="qb-label"><span class="qb-kind">${label}</span>${title}</p>${this.parser.parse(t.tokens)}</aside>\n`;
    },
  };
  const marked = safeMarked(options.resolveImage, [{ ...blockTokenizer, ...blockRenderer }]);
  return (markdown) => marked.parse(markdown, { async: false });
}

/**
 * marked as every pack text is rendered: GitHub-flavoured Markdown, raw HTML
 * dropped, pictures only through `resolveImage`, links only to the web
 * (marked for the reader to ask first), anything else as plain text.
 */
export function safeMarked(resolveImage: (src: string) => string | null, extensions: (TokenizerExtension & RendererExtension)[] = []): Marked {
  return new Marked({
    gfm: true,
    async: false,
    extensions,
    renderer: {
      html: () => '',
      image({ href, text }) {
        const url = resolveImage(href);
        if (!url) return `<span class="missing-image">${escapeHtml(text)}</span>`;
        return `<img src="${escapeHtml(url)}" alt="${escapeHtml(text)}" loading="lazy">`;
      },
      link({ href, tokens }) {
        const inner = this.parser.parseInline(tokens);
        if (!SAFE_LINK.test(href)) return `<span class="link-text">${inner}</span>`;
        return `<a href="${escapeHtml(href)}" data-external="true" rel="noopener noreferrer">${inner}</a>`;
      },
    },
  });
}

/** A lesson's own `# Title` line, which the reader already shows as the page heading. */
export function withoutLeadingTitle(markdown: string): string {
  return markdown.replace(/^\s*#[ \t]+[^\n]*(\n|$)/, '');
}

/** Plain text of a lesson, for search: the words a reader sees, without markup. */
export function plainText(markdown: string): string {
  const marked = new Marked({ gfm: true, extensions: [blockTokenizer] });
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      const children = (t as { tokens?: Token[] }).tokens;
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        for (const cell of table.header) walk(cell.tokens);
        for (const row of table.rows) for (const cell of row) walk(cell.tokens);
      } else if (t.type === 'list') {
        for (const item of (t as Tokens.List).items) walk(item.tokens);
      } else if (children && children.length > 0) {
        if (t.type === 'qblock') out.push((t as BlockToken).title);
        walk(children);
      } else if (t.type === 'image') {
        out.push((t as Tokens.Image).text);
      } else if ('text' in t && typeof t.text === 'string' && t.type !== 'html' && t.type !== 'code') {
        out.push(t.text);
      }
    }
  };
  walk(marked.lexer(markdown));
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** Every image reference in a lesson with the line it is on, for lint. */
export function imageRefs(markdown: string): { src: string; line: number; col: number }[] {
  const refs: { src: string; line: number; col: number }[] = [];
  const re = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
  markdown.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(re)) {
      const src = m[1] ?? m[2];
      if (src) refs.push({ src, line: i + 1, col: (m.index ?? 0) + 1 });
    }
  });
  return refs;
}
