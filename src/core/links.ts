/**
 * The only links that may leave the app: http(s) addresses. Returns the
 * normalised address, or null for anything else (javascript:, data:, file:,
 * a malformed address, or not a string at all, as an IPC argument might be).
 */
export function webAddress(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url.href;
}
