import { CATALOGUES, type MessageKey } from '../../core/i18n';
import { locale, t } from './i18n.svelte';

/**
 * A skill's name in the interface language. The common skills have names in
 * the locale files (`skill.<id>`); any other skill a pack declares shows its
 * ID with the dashes taken out.
 */
export function skillName(id: string): string {
  const key = `skill.${id}`;
  if (key in CATALOGUES[locale.lang]) return t(key as MessageKey);
  return id.replace(/-/g, ' ');
}
