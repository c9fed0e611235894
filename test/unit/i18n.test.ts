import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, createTranslator, formatProblem } from '../../src/core/i18n';
import { LANGUAGES } from '../../src/core/base/languages';
import { problem } from '../../src/core/base/problems';

describe('locale files', () => {
  const keys = Object.keys(CATALOGUES.en).sort();

  it.each(LANGUAGES)('%s has every message the English file has, and no other', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(keys);
  });

  it.each(LANGUAGES)('%s messages are valid ICU and use the same placeholders as English', (lang) => {
    const names = (src: string) => [...src.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).filter((n) => n !== undefined).sort();
    for (const key of keys) {
      const source = CATALOGUES[lang][key] ?? '';
      expect(() => new IntlMessageFormat(source, lang, undefined, { ignoreTag: true }), `${lang} ${key}`).not.toThrow();
      expect(new Set(names(source)), `${lang} ${key}`).toEqual(new Set(names(CATALOGUES.en[key] ?? '')));
    }
  });

  it('Kazakh messages are written in Kazakh', () => {
    const text = Object.values(CATALOGUES.kk).join(' ').toLowerCase();
    const cyrillic = [...text].filter((c) => c >= '\u0400' && c <= '\u04ff');
    const kazakh = cyrillic.filter((c) => 'әғқңөұүһі'.includes(c));
    expect(kazakh.length / cyrillic.length).toBeGreaterThan(0.07);
  });
});

describe('plurals', () => {
  it('Russian counts lessons with one, few and many forms', () => {
    const t = createTranslator('ru');
    expect(t('library.count', { count: 1 })).toBe('1 урок');
    expect(t('library.count', { count: 3 })).toBe('3 урока');
    expect(t('library.count', { count: 5 })).toBe('5 уроков');
    expect(t('library.count', { count: 21 })).toBe('21 урок');
  });

  it('Kazakh and English count lessons', () => {
    expect(createTranslator('kk')('library.count', { count: 4 })).toBe('4 сабақ');
    expect(createTranslator('en')('library.count', { count: 1 })).toBe('1 lesson');
    expect(createTranslator('en')('library.count', { count: 0 })).toBe('No lessons');
  });
});

describe('problems', () => {
  it('name the file, line and column before the translated message', () => {
    const p = problem('schema.unknownField', { file: 'lessons/a/kk.md', line: 4, col: 1, params: { field: 'colour' } });
    expect(formatProblem(createTranslator('en'), p)).toBe('lessons/a/kk.md:4:1: unknown field “colour”.');
    expect(formatProblem(createTranslator('kk'), p)).toBe('lessons/a/kk.md:4:1: «colour» деген белгісіз өріс.');
  });
});
