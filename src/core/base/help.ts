import { z } from 'zod';
import { perLanguage } from './vocabulary';

/** A service pupils can turn to, per country. The app shows what the pack says and never hard-codes a number. */
export const helpSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/).describe('ISO 3166-1 country code, for example KZ'),
  name: perLanguage('Name of the service'),
  phone: z.string().regex(/^[0-9+][0-9 ()-]{1,19}$/).optional().describe('Number to call, as dialled in that country'),
  url: z.string().regex(/^https:\/\/[^\s]+$/).max(300).optional().describe('Web address (https only); shown as text, opened only after the user confirms'),
  hours: perLanguage('When it answers, for example "24 hours, free"').optional(),
});
export type HelpService = z.infer<typeof helpSchema>;

/** The help services a pack lists, those for Kazakhstan (the app's home country) first, in pack order otherwise. */
export function helpInOrder(meta: { help?: readonly HelpService[] }): HelpService[] {
  const help = meta.help ?? [];
  return [...help.filter((h) => h.country === 'KZ'), ...help.filter((h) => h.country !== 'KZ')];
}
