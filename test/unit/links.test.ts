import { describe, expect, it } from 'vitest';
import { webAddress } from '../../src/core/links';

describe('links that may leave the app', () => {
  it('lets web addresses through', () => {
    expect(webAddress('https://www.unicef.org/')).toBe('https://www.unicef.org/');
    expect(webAddress('http://example.org/a b')).toBe('http://example.org/a%20b');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'vbscript:msgbox',
    'data:text/html;base64,PHNjcmlwdD4=',
    'file:///etc/passwd',
    'mailto:someone@example.org',
    'https://user:secret@example.org/',
    '//example.org/',
    'not a link',
    '',
  ])('refuses %s', (value) => {
    expect(webAddress(value)).toBeNull();
  });

  it('refuses what is not a string, as a forged IPC message might send', () => {
    expect(webAddress(undefined)).toBeNull();
    expect(webAddress({ toString: () => 'https://example.org/' })).toBeNull();
    expect(webAddress(`https://example.org/${'a'.repeat(3000)}`)).toBeNull();
  });
});
