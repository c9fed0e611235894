import type { Plugin } from 'vite';

/**
 * The renderer's Content-Security-Policy: only our own scripts, styles and
 * fonts; images from the app or from pack media (blob:); nothing remote.
 * Added to the built page only: the dev server needs inline styles for hot reload.
 */
export const CONTENT_SECURITY_POLICY = policy("'self'");

function policy(connect: string): string {
  return [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  `connect-src ${connect}`,
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
].join('; ');
}

/**
 * The browser build's policy: the same, except that the page may also reach a
 * statistics collector on this computer. (The desktop app sends statistics
 * from its main process; its page reaches nothing but itself.)
 */
export const WEB_CONTENT_SECURITY_POLICY = policy("'self' http://localhost:* http://127.0.0.1:*");

export function contentSecurityPolicy(content = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'qorgau-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' },
    ],
  };
}
