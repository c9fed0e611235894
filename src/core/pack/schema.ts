import { z } from 'zod';
import { LANGUAGES } from '../base/languages';
import { helpSchema } from '../base/help';
import { AGE_BANDS, idSchema as id, perLanguage, TOPICS, titleSchema as text } from '../base/vocabulary';

/** The one place that says what a pack may contain. The JSON Schemas in docs/schema are generated from here. */
export const FORMAT_VERSION = 1;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;
const lang = z.enum(LANGUAGES);

export const packSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to this JSON Schema, for editors'),
    formatVersion: z.literal(FORMAT_VERSION).describe('Pack format version; this is version 1'),
    id: id.describe('Stable ID of the pack, kebab-case'),
    version: z.string().regex(SEMVER).describe('Version of the pack (semver, for example 1.2.0). A newer version replaces an older one.'),
    languages: z.array(lang).min(1).describe('Languages every lesson of the pack is written in'),
    title: perLanguage('Title'),
    description: perLanguage('Short description').optional(),
    ageBands: z.array(z.enum(AGE_BANDS)).min(1).describe('Age bands the pack is written for'),
    publisher: z.string().trim().min(1).max(200).describe('Who publishes the pack'),
    licence: z.string().trim().min(1).max(200).describe('Licence of the content, for example CC-BY-4.0'),
    help: z.array(helpSchema).max(30).optional().describe('Where pupils can get help, per country: shown in debriefs and family letters'),
    statistics: z
      .strictObject({
        collector: z
          .string()
          .regex(/^https:\/\/[^\s?#@]+$/)
          .max(300)
          .describe("The ministry's statistics collector (https only). Suggested on the administrator's page; it never switches statistics on."),
      })
      .optional()
      .describe('Where usage statistics go, for packs a ministry hands out'),
  })
  .describe('pack.yaml: the description of a Qorgau lesson pack');
export type PackMeta = z.infer<typeof packSchema>;

const vocabularySchema = z.strictObject({
  term: text.describe('The word or phrase'),
  definition: z.string().trim().min(1).max(1000).describe('What it means, in words a pupil understands'),
});

export const lessonFrontMatterSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: id.describe('Stable ID of the lesson; the same in every language and equal to its folder name'),
    title: text.describe('Title of the lesson in this language'),
    summary: z.string().trim().min(1).max(1000).optional().describe('One or two sentences for the library card'),
    topic: z.enum(TOPICS).describe('The main topic'),
    ageBands: z.array(z.enum(AGE_BANDS)).min(1).describe('Age bands the lesson suits'),
    minutes: z.number().int().min(5).max(240).describe('How long the lesson takes, in minutes'),
    order: z.number().int().min(0).max(10000).optional().describe('Position in the pack; lessons are listed by order, then title'),
    objectives: z.array(z.string().trim().min(1).max(500)).min(1).describe('What pupils will be able to do after the lesson'),
    vocabulary: z.array(vocabularySchema).min(1).describe('Key words with definitions'),
  })
  .describe('Front matter of a lesson file lessons/<id>/<lang>.md');
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;

export const manifestSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  files: z.record(
    z.string(),
    z.strictObject({ size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Media a lesson may show. Anything else in media/ is refused. */
export const MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
