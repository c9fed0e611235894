import { z } from 'zod';

/** The words every content format shares: age bands, topics, stable IDs and one-line texts. */
export const AGE_BANDS = ['6-9', '10-12', '13-15', '16-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const TOPICS = [
  'cyberbullying',
  'harmful-content',
  'privacy',
  'screen-time',
  'grooming',
  'image-sharing',
  'scams',
  'getting-help',
  'accounts',
  'news-and-media',
  'ai',
  'digital-footprint',
  'games-and-money',
  'relationships',
] as const;
export type Topic = (typeof TOPICS)[number];

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A stable kebab-case ID: the key of progress, so never changed once published. */
export const idSchema = z.string().regex(ID_PATTERN).max(64).describe('Stable kebab-case ID. Never change it once published: progress is keyed by it.');
/** A one-line text such as a title. */
export const titleSchema = z.string().trim().min(1).max(500);

/** One line of text in each language of the pack. */
export const perLanguage = (what: string) =>
  z
    .strictObject({ kk: titleSchema.optional(), ru: titleSchema.optional(), en: titleSchema.optional() })
    .describe(`${what} in each language of the pack`);
