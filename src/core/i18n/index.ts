import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from '../base/languages';
import { location, type Problem } from '../base/problems';
import en from '../../locales/en.json';
import kk from '../../locales/kk.json';
import ru from '../../locales/ru.json';

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES: Record<Lang, Record<string, string>> = { kk, ru, en };

/**
 * A translator for one language, with ICU plurals (Kazakh and Russian rules
 * come from Intl.PluralRules). Formats are compiled once and cached.
 */
export function createTranslator(lang: Lang): Translate {
  const messages = CATALOGUES[lang];
  const cache = new Map<string, IntlMessageFormat>();
  return (key, params) => {
    let format = cache.get(key);
    if (!format) {
      const source = messages[key] ?? en[key] ?? key;
      format = new IntlMessageFormat(source, lang, undefined, { ignoreTag: true });
      cache.set(key, format);
    }
    return String(format.format(params));
  };
}

/** A problem as the user reads it: `path:line:col: message` in their language. */
export function formatProblem(t: Translate, p: Problem): string {
  const message = t(`problem.${p.code}` as MessageKey, p.params);
  const where = location(p);
  return where ? t('problem.at', { location: where, message }) : message;
}
