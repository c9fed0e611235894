import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
  'strong', 'em', 'del', 's', 'sup', 'sub', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'aside', 'span', 'div',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'class', 'data-block', 'data-external', 'rel', 'loading', 'start', 'align', 'title'];

/** Media URLs the lesson being cleaned may show; set for the duration of one call. */
let allowedMedia: ReadonlySet<string> = new Set();

const purify = DOMPurify();
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    if (!allowedMedia.has(src)) node.remove();
  }
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^https?:\/\//i.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: /^(?:https?:|blob:)/i,
  ALLOW_DATA_ATTR: false,
  FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'link', 'meta', 'base', 'svg', 'math'],
};
// Parsed once, not on every call.
purify.setConfig(CONFIG);

/**
 * The last line of defence between a pack and the screen: whatever marked
 * produced, only plain document markup survives. Images must be one of the
 * pack's own media URLs; links must be web links.
 */
export function sanitizeLesson(html: string, mediaUrls: ReadonlySet<string>): string {
  allowedMedia = mediaUrls;
  try {
    return purify.sanitize(html);
  } finally {
    allowedMedia = new Set();
  }
}
