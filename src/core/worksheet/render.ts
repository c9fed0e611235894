import type { Translate } from '../i18n';
import { escapeHtml, safeMarked } from '../markdown/render';
import type { Question, WorksheetItem } from './model';

/** A pupil copy has room to write and no answers; the answer key has the answers and nothing else differs in meaning. */
export type WorksheetCopy = 'pupil' | 'key';

/** Words the sheet prints itself, in the worksheet's language. */
export interface WorksheetLabels {
  /** Above the teacher's answer in the key. */
  answer: string;
  true: string;
  false: string;
  /** Heading of a family letter's `:::talk` list. */
  talk: string;
  /** Above cut-out cards. */
  cut: string;
}

export interface WorksheetRenderOptions {
  copy: WorksheetCopy;
  labels: WorksheetLabels;
  /** Maps an image reference to a displayable URL, or null when it is not the pack's own media. */
  resolveImage: (src: string) => string | null;
}

/** The labels in the language of `t`; pass the translator of the worksheet's language, not the UI's. */
export function worksheetLabels(t: Translate): WorksheetLabels {
  return {
    answer: t('worksheet.answer'),
    true: t('worksheet.true'),
    false: t('worksheet.false'),
    talk: t('worksheet.talk'),
    cut: t('worksheet.cut'),
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Renders one item of a worksheet to HTML for a pupil copy or the answer key.
 * Only plain document markup and classes come out (the renderer still cleans
 * it with DOMPurify); sizes are repeated rows, so the print style sheet sets
 * the height of one row (1 cm) and no inline style is needed. In a pupil copy
 * nothing of an answer is present: not the teacher's answer, not which box
 * is right, not the order of a shuffled column.
 */
export function createWorksheetRenderer(options: WorksheetRenderOptions): (item: WorksheetItem) => string {
  const marked = safeMarked(options.resolveImage);
  const block = (md: string) => marked.parse(md, { async: false });
  const inline = (md: string) => marked.parseInline(md, { async: false });
  const key = options.copy === 'key';
  const { labels } = options;
  const rows = (cls: string, n: number) => `<div class="${cls}">${'<span class="ws-row"></span>'.repeat(n)}</div>`;
  const tick = (ticked: boolean) => (ticked ? '<span class="ws-tick ws-ticked">✓</span>' : '<span class="ws-tick"></span>');
  const write = (filled?: string) => (filled === undefined ? '<span class="ws-write"></span>' : `<span class="ws-write ws-filled">${filled}</span>`);
  const answerBlock = (q: Question) =>
    key && q.answer ? `<div class="ws-answer"><p class="ws-answer-label">${escapeHtml(labels.answer)}</p>${block(q.answer)}</div>` : '';

  const body = (q: Question): string => {
    switch (q.kind) {
      case 'lines':
        return key && q.answer ? '' : rows('ws-lines', q.lines);
      case 'box':
      case 'drawing':
        return key && q.answer ? '' : rows(`ws-${q.kind}-area`, q.height);
      case 'choice':
        return `<ul class="ws-options">${q.options
          .map((o) => `<li${key && o.correct ? ' class="ws-correct"' : ''}>${tick(key && o.correct)}<span class="ws-text">${inline(o.text)}</span></li>`)
          .join('')}</ul>`;
      case 'truefalse':
        return `<table class="ws-truefalse"><thead><tr><td></td><th>${escapeHtml(labels.true)}</th><th>${escapeHtml(labels.false)}</th></tr></thead><tbody>${q.statements
          .map((s) => `<tr><td class="ws-text">${inline(s.text)}</td><td class="ws-cell">${tick(key && s.true)}</td><td class="ws-cell">${tick(key && !s.true)}</td></tr>`)
          .join('')}</tbody></table>`;
      case 'match': {
        // Pupil: lefts as written, rights shuffled, a box for the letter. Key: each left with its own right and that right's letter on the pupil copy.
        const letterOf = (pair: number) => LETTERS[q.rightOrder.indexOf(pair)] ?? '?';
        return `<table class="ws-match"><tbody>${q.pairs
          .map((p, i) => {
            const right = key ? p : (q.pairs[q.rightOrder[i] ?? i] ?? p);
            const letter = key ? letterOf(i) : (LETTERS[i] ?? '?');
            return `<tr><td class="ws-left"><span class="ws-num">${i + 1}.</span> ${inline(p.left)}</td><td class="ws-gap">${write(key ? letter : undefined)}</td><td class="ws-right"><span class="ws-letter">${letter}.</span> ${inline(right.right)}</td></tr>`;
          })
          .join('')}</tbody></table>`;
      }
      case 'order': {
        const order = key ? q.steps.map((_, i) => i) : q.shuffled;
        return `<ul class="ws-order">${order.map((i) => `<li>${write(key ? String(i + 1) : undefined)}<span class="ws-text">${inline(q.steps[i] ?? '')}</span></li>`).join('')}</ul>`;
      }
      case 'cards':
        return `<div class="ws-cards"><p class="ws-cut">${escapeHtml(labels.cut)}</p>${q.cards.map((c) => `<div class="ws-card">${inline(c)}</div>`).join('')}</div>`;
    }
  };

  return (item) => {
    switch (item.kind) {
      case 'prose':
        return `<div class="ws-prose">${block(item.markdown)}</div>\n`;
      case 'talk':
        return `<div class="ws-talk" data-block="talk"><p class="ws-talk-label">${escapeHtml(labels.talk)}</p>${item.intro ? block(item.intro) : ''}<ol>${item.points
          .map((p) => `<li>${inline(p)}</li>`)
          .join('')}</ol></div>\n`;
      default: {
        const prompt = block(item.prompt);
        const num = `<span class="ws-num">${item.number}.</span> `;
        const numbered = prompt.startsWith('<p>') ? `<p>${num}${prompt.slice(3)}` : `<p class="ws-num-line">${num}</p>${prompt}`;
        return `<div class="ws-q ws-${item.kind}" data-block="${item.kind}"><div class="ws-prompt">${numbered}</div>${body(item)}${answerBlock(item)}</div>\n`;
      }
    }
  };
}
