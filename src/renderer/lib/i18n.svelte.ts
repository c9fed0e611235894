import { createTranslator, type MessageKey, type Params, type Translate } from '../../core/i18n';
import { isLang, type Lang } from '../../core/base/languages';
import { preferences } from './preferences';


/** `?lang=` wins, then the remembered choice, then Kazakh. */
function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLang(fromUrl)) {
    preferences.language.set(fromUrl);
    return fromUrl;
  }
  return preferences.language.get();
}

export const locale = $state({ lang: initialLang() });
document.documentElement.lang = locale.lang;

const translators: Partial<Record<Lang, Translate>> = {};

/** A translator for any language: lesson blocks are labelled in the lesson's language. */
export function translatorFor(lang: Lang): Translate {
  return (translators[lang] ??= createTranslator(lang));
}

/** Translates in the interface language; reactive in templates. */
export function t(key: MessageKey, params?: Params): string {
  return translatorFor(locale.lang)(key, params);
}

export function setLang(lang: Lang): void {
  locale.lang = lang;
  preferences.language.set(lang);
  document.documentElement.lang = lang;
}
