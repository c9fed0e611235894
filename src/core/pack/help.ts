import type { HelpService } from './schema';

/** The help services a pack lists, those for Kazakhstan (the app's home country) first, in pack order otherwise. */
export function helpInOrder(meta: { help?: readonly HelpService[] }): HelpService[] {
  const help = meta.help ?? [];
  return [...help.filter((h) => h.country === 'KZ'), ...help.filter((h) => h.country !== 'KZ')];
}
