import { z } from 'zod';
import type { Lang } from '../base/languages';
import { AGE_BANDS, ID_PATTERN, TOPICS } from '../base/vocabulary';

/**
 * The one place that says what a scenario file (`scenarios/<id>.yaml`) may
 * contain. The schema checks shapes; everything about meaning (the graph,
 * variables, characters, languages) is checked by lint.ts. See
 * docs/scenario-format.md.
 */

/** Look-alikes of app types. Never real brands. */
export const SKINS = ['messenger', 'feed', 'gamechat', 'inbox', 'settings', 'webpage'] as const;
export type Skin = (typeof SKINS)[number];

/** What a node can show, in order, inside its skin. */
export const SHOW_TYPES = ['message', 'typing', 'photo-request', 'post', 'comment', 'email', 'sms', 'screen', 'popup', 'toggle'] as const;
export type ShowType = (typeof SHOW_TYPES)[number];

/** Which show items make sense in which skin. `screen` and `popup` fit everywhere. */
export const SKIN_SHOWS: Readonly<Record<Skin, readonly ShowType[]>> = {
  messenger: ['message', 'typing', 'photo-request', 'screen', 'popup'],
  feed: ['post', 'comment', 'photo-request', 'screen', 'popup'],
  gamechat: ['message', 'typing', 'photo-request', 'screen', 'popup'],
  inbox: ['email', 'sms', 'screen', 'popup'],
  settings: ['toggle', 'screen', 'popup'],
  webpage: ['screen', 'popup', 'toggle'],
};

export const OUTCOMES = ['safe', 'risky', 'harmful'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const ROLES = ['stranger', 'friend', 'classmate', 'adult', 'app', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The reserved `from` of the pupil's own messages and posts; no character may use it as its ID. */
export const PUPIL = 'me';

/** Limits that keep a scenario playable on one screen and its file small. */
export const LIMITS = { nodes: 200, choices: 6, show: 30, characters: 20, flags: 50, skills: 12, effect: 10 } as const;

const id = z.string().regex(ID_PATTERN).max(64);
const words = (max: number) => z.string().trim().min(1).max(max);
/** Text in each language of the pack. Languages are optional here; lint names the missing ones. */
const localText = (max: number, what: string) =>
  z.strictObject({ kk: words(max).optional(), ru: words(max).optional(), en: words(max).optional() }).describe(`${what} in each language of the pack`);
export type LocalText = Partial<Record<Lang, string>>;

/**
 * A condition. Exactly one form per object (lint.ts reports anything else):
 * `{ flag }`, `{ not }`, `{ all: [...] }`, `{ any: [...] }`,
 * `{ skill, atLeast?, below? }` (at least one of the two bounds).
 * One object with optional keys rather than a zod union, so a wrong key is
 * reported as an unknown field on its own line instead of "wrong format".
 */
export interface Condition {
  flag?: string;
  not?: Condition;
  all?: Condition[];
  any?: Condition[];
  skill?: string;
  atLeast?: number;
  below?: number;
}
const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      flag: id.optional().describe('True when this flag is set'),
      not: conditionSchema.optional().describe('True when the inner condition is false'),
      all: z.array(conditionSchema).min(1).max(10).optional().describe('True when every inner condition is true'),
      any: z.array(conditionSchema).min(1).max(10).optional().describe('True when at least one inner condition is true'),
      skill: id.optional().describe('A skill score to compare with atLeast and/or below'),
      atLeast: z.number().int().min(-100).max(100).optional().describe('True when the skill score is at least this'),
      below: z.number().int().min(-100).max(100).optional().describe('True when the skill score is below this'),
    })
    .describe('A condition: one of flag, not, all, any, or skill with atLeast and/or below'),
);

/** The form of a valid condition, for code that evaluates or walks conditions. */
export type ConditionForm =
  | { kind: 'flag'; flag: string }
  | { kind: 'not'; inner: Condition }
  | { kind: 'all' | 'any'; inner: Condition[] }
  | { kind: 'skill'; skill: string; atLeast?: number; below?: number };

/** What a condition means, or undefined when it mixes forms or misses a part. */
export function conditionForm(c: Condition): ConditionForm | undefined {
  const forms = [c.flag, c.not, c.all, c.any, c.skill].filter((x) => x !== undefined).length;
  const bounds = c.atLeast !== undefined || c.below !== undefined;
  if (forms !== 1) return undefined;
  if (c.skill !== undefined) return bounds ? { kind: 'skill', skill: c.skill, atLeast: c.atLeast, below: c.below } : undefined;
  if (bounds) return undefined;
  if (c.flag !== undefined) return { kind: 'flag', flag: c.flag };
  if (c.not !== undefined) return { kind: 'not', inner: c.not };
  if (c.all !== undefined) return { kind: 'all', inner: c.all };
  if (c.any !== undefined) return { kind: 'any', inner: c.any };
  return undefined;
}

const effectsSchema = z
  .strictObject({
    set: z.array(id).min(1).max(LIMITS.flags).optional().describe('Flags to set'),
    unset: z.array(id).min(1).max(LIMITS.flags).optional().describe('Flags to clear'),
    add: z
      .record(id, z.number().int().min(-LIMITS.effect).max(LIMITS.effect))
      .optional()
      .describe('Points to add to skill scores (negative to take away)'),
  })
  .describe('What a choice changes');
export type Effects = z.infer<typeof effectsSchema>;

const from = id.describe(`A character ID, or "${PUPIL}" for the pupil`);
const when = conditionSchema.optional().describe('Shown only when this condition holds');
const body = localText(1000, 'Text');

const showItemSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), from, text: body, when }).describe('A chat message'),
  z.strictObject({ type: z.literal('typing'), from, when }).describe('"… is typing" in a chat'),
  z.strictObject({ type: z.literal('photo-request'), from, text: body, when }).describe('Someone asks for a photo'),
  z
    .strictObject({ type: z.literal('post'), from, text: body, likes: z.number().int().min(0).max(1e9).optional(), when })
    .describe('A post in a feed'),
  z
    .strictObject({ type: z.literal('comment'), from, text: body, likes: z.number().int().min(0).max(1e9).optional(), when })
    .describe('A comment under the post before it'),
  z
    .strictObject({
      type: z.literal('email'),
      from,
      address: z.string().trim().min(1).max(200).optional().describe('Sender address as shown, never a real one: use .example'),
      subject: localText(200, 'Subject'),
      text: body,
      when,
    })
    .describe('An email'),
  z
    .strictObject({
      type: z.literal('sms'),
      from,
      number: z.string().trim().min(1).max(40).optional().describe('Sender number or short name as shown, never a real one'),
      text: body,
      when,
    })
    .describe('A text message'),
  z
    .strictObject({
      type: z.literal('screen'),
      title: localText(200, 'Heading').optional(),
      url: z.string().trim().min(1).max(200).optional().describe('Address bar text, never a real site: use .example. Never a link.'),
      text: body,
      when,
    })
    .describe('A screen, page or narration'),
  z
    .strictObject({ type: z.literal('popup'), title: localText(200, 'Heading').optional(), text: body, button: localText(60, 'Button').optional(), when })
    .describe('A pop-up or notification'),
  z
    .strictObject({
      type: z.literal('toggle'),
      label: localText(200, 'Label'),
      hint: localText(500, 'Explanation under the toggle').optional(),
      flag: id.optional().describe('The toggle is on while this flag is set'),
      on: z.boolean().optional().describe('Fixed state when there is no flag; off by default'),
      when,
    })
    .describe('A settings toggle'),
]);
export type ShowItem = z.infer<typeof showItemSchema>;

const choiceSchema = z.strictObject({
  id: id.describe('Stable ID, unique within the node. Stored with every decision: never change it once used in class.'),
  label: localText(300, 'What the pupil picks'),
  when: conditionSchema.optional().describe('The choice is offered only when this condition holds'),
  effects: effectsSchema.optional(),
  feedback: localText(1000, 'Shown after the choice, and again in the debrief').optional(),
  outcome: z.enum(OUTCOMES).optional().describe('How safe this choice is, for the debrief'),
  next: id.describe('The node this choice leads to'),
});
export type Choice = z.infer<typeof choiceSchema>;

const endingSchema = z.strictObject({
  outcome: z.enum(OUTCOMES).describe('safe, risky or harmful'),
  title: localText(200, 'Heading of the ending').optional(),
  debrief: localText(2000, 'What happened and what to remember'),
  skills: z.array(id).min(1).max(LIMITS.skills).optional().describe('Skills this path practised, for the debrief'),
});
export type Ending = z.infer<typeof endingSchema>;

const nodeSchema = z.strictObject({
  id: id.describe('Stable ID, unique in the scenario. Stored with every decision: never change it once used in class.'),
  when: conditionSchema.optional().describe('Checked on entering the node; when false, the pupil goes to otherwise instead'),
  otherwise: id.optional().describe('Where to go when the condition in when is false'),
  show: z.array(showItemSchema).min(1).max(LIMITS.show).optional().describe('What the skin shows, in order'),
  prompt: localText(300, 'The question, such as “What do you do?”').optional(),
  choices: z.array(choiceSchema).min(1).max(LIMITS.choices).optional(),
  ending: endingSchema.optional(),
});
export type ScenarioNode = z.infer<typeof nodeSchema>;

const characterSchema = z.strictObject({
  id: id.describe(`Stable ID used in from; not "${PUPIL}"`),
  name: localText(100, 'Name as shown'),
  role: z.enum(ROLES),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to this JSON Schema, for editors'),
    id: id.describe('Stable ID of the scenario, equal to the file name'),
    skin: z.enum(SKINS).describe('The kind of app the scenario looks like'),
    title: localText(200, 'Title'),
    summary: localText(1000, 'One or two sentences for the library card').optional(),
    topic: z.enum(TOPICS).describe('The main topic'),
    ageBands: z.array(z.enum(AGE_BANDS)).min(1).describe('Age bands the scenario suits'),
    minutes: z.number().int().min(1).max(90).describe('How long the scenario takes with its debrief, in minutes'),
    characters: z.array(characterSchema).max(LIMITS.characters).default([]).describe('Who appears; invented people only'),
    variables: z
      .strictObject({
        flags: z.array(id).max(LIMITS.flags).default([]).describe('Things that happened, set by choices'),
        skills: z.array(id).max(LIMITS.skills).default([]).describe('Skill scores, starting at 0'),
      })
      .default({ flags: [], skills: [] }),
    start: id.describe('The first node'),
    nodes: z.array(nodeSchema).min(1).max(LIMITS.nodes),
  })
  .describe('scenarios/<id>.yaml: a Qorgau scenario simulation');
export type Scenario = z.infer<typeof scenarioSchema>;

/** Where a piece of text sits in a scenario: the dotted path used in messages and the text itself. */
export interface TextField {
  path: (string | number)[];
  text: LocalText;
}

/**
 * Every piece of pupil-facing text, in file order. Lint uses it to find
 * missing languages; the loader can use it for search.
 */
export function textFields(s: Scenario): TextField[] {
  const out: TextField[] = [];
  const add = (path: (string | number)[], text: LocalText | undefined) => {
    if (text) out.push({ path, text });
  };
  add(['title'], s.title);
  add(['summary'], s.summary);
  s.characters.forEach((c, i) => add(['characters', i, 'name'], c.name));
  s.nodes.forEach((n, i) => {
    const at = ['nodes', i] as const;
    n.show?.forEach((item, j) => {
      const p = [...at, 'show', j];
      switch (item.type) {
        case 'message':
        case 'photo-request':
        case 'post':
        case 'comment':
        case 'sms':
          add([...p, 'text'], item.text);
          break;
        case 'email':
          add([...p, 'subject'], item.subject);
          add([...p, 'text'], item.text);
          break;
        case 'screen':
          add([...p, 'title'], item.title);
          add([...p, 'text'], item.text);
          break;
        case 'popup':
          add([...p, 'title'], item.title);
          add([...p, 'text'], item.text);
          add([...p, 'button'], item.button);
          break;
        case 'toggle':
          add([...p, 'label'], item.label);
          add([...p, 'hint'], item.hint);
          break;
        case 'typing':
          break;
      }
    });
    add([...at, 'prompt'], n.prompt);
    n.choices?.forEach((c, j) => {
      add([...at, 'choices', j, 'label'], c.label);
      add([...at, 'choices', j, 'feedback'], c.feedback);
    });
    if (n.ending) {
      add([...at, 'ending', 'title'], n.ending.title);
      add([...at, 'ending', 'debrief'], n.ending.debrief);
    }
  });
  return out;
}

/** The text in one language; lint guarantees every language of the pack is there. */
export function textIn(text: LocalText, lang: Lang): string {
  return text[lang] ?? '';
}
