import type { Plugin } from 'vite';

/**
 * The renderer's Content-Security-Policy: only our own scripts, styles and
 * fonts; images from the app or from pack media (blob:); nothing remote.
 * Added to the built page only: the dev server needs inline styles for hot reload.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'qorgau-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}
