/**
 * Every lint rule of a scenario file, with the message an author reads.
 * Fixtures: test/fixtures/scenarios/ (see its README).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOGUES, createTranslator, formatProblem } from '../../src/core/i18n';
import { LANGUAGES, type Lang } from '../../src/core/base/languages';
import { parseScenario, SCENARIO_PROBLEMS } from '../../src/core/scenario/lint';
import { yamlLocator } from '../../src/core/base/locate';
import { scenarioSchema, SHOW_TYPES, SKIN_SHOWS, SKINS, textFields } from '../../src/core/scenario/schema';

const DIR = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const BAD = join(DIR, 'bad');
const GOOD = readFileSync(join(DIR, 'prize-message.yaml'), 'utf8');

/** Problems as `path:line:col: message` lines. */
function lines(source: string, file: string, languages: readonly Lang[] = ['en'], lang: Lang = 'en'): string[] {
  const t = createTranslator(lang);
  return parseScenario(source, file, languages).problems.map((p) => formatProblem(t, p));
}
const bad = (name: string, languages: readonly Lang[] = ['en'], lang: Lang = 'en') =>
  lines(readFileSync(join(BAD, `${name}.yaml`), 'utf8'), `scenarios/${name}.yaml`, languages, lang);

/** Each broken file and exactly the problems it must give. Line numbers were checked against the files. */
const BROKEN: Record<string, string[]> = {
  'id-mismatch': ['scenarios/id-mismatch.yaml:1:5: the scenario id “id-missmatch” must equal the file name “id-mismatch”.'],
  'duplicate-node': ['scenarios/duplicate-node.yaml:27:9: “bye” is used twice; it was first used on line 23.'],
  'duplicate-choice': ['scenarios/duplicate-choice.yaml:23:13: “reply” is used twice; it was first used on line 20.'],
  'reserved-character': ['scenarios/reserved-character.yaml:11:9: “me” is reserved for the pupil; give the character another id.'],
  'unknown-character': [
    'scenarios/unknown-character.yaml:18:32: “alex” is not one of the scenario’s characters; declare it under characters, or write “me” for the pupil.',
  ],
  'show-not-in-skin': [
    'scenarios/show-not-in-skin.yaml:18:17: a “post” cannot be shown in the messenger skin; use one of: message, typing, photo-request, screen, popup.',
  ],
  'bad-condition': [
    'scenarios/bad-condition.yaml:24:15: a condition needs exactly one of: flag, not, all, any, or skill with atLeast and/or below.',
  ],
  'unknown-flag': [
    'scenarios/unknown-flag.yaml:24:30: the flag “asked-twice” is not declared under variables.flags.',
    'scenarios/unknown-flag.yaml:26:33: the flag “helped” is not declared under variables.flags.',
  ],
  'unknown-skill': [
    'scenarios/unknown-skill.yaml:28:13: the skill “kindness” is not declared under variables.skills.',
    'scenarios/unknown-skill.yaml:34:22: the skill “courage” is not declared under variables.skills.',
  ],
  'dead-end': ['scenarios/dead-end.yaml:26:5: the node “waiting” has neither choices nor an ending, so the pupil would be stuck there.'],
  'choices-and-ending': [
    'scenarios/choices-and-ending.yaml:23:5: the node “bye” has both choices and an ending; a node is either a question or an ending.',
  ],
  'prompt-on-ending': ['scenarios/prompt-on-ending.yaml:24:13: the node “bye” is an ending, so its prompt would never be asked; remove it.'],
  'stuck-choices': [
    'scenarios/stuck-choices.yaml:18:7: every choice of the node “hello” has a condition; leave at least one choice without “when”, so the pupil always has something to pick.',
  ],
  'when-without-otherwise': [
    'scenarios/when-without-otherwise.yaml:24:11: the node “bye” has “when” but no “otherwise”: say where the pupil goes when the condition is false.',
  ],
  'otherwise-without-when': [
    'scenarios/otherwise-without-when.yaml:24:16: the node “bye” has “otherwise” but no “when”, so it would never be used.',
  ],
  'dangling-next': ['scenarios/dangling-next.yaml:25:15: there is no node “byee” in this scenario.'],
  'otherwise-loop': [
    'scenarios/otherwise-loop.yaml:23:16: the “otherwise” of the node “first” leads back to it (first → second → first); if all these conditions were false, the pupil would go round forever.',
  ],
  unreachable: ['scenarios/unreachable.yaml:27:5: the node “lost” cannot be reached from the start node “hello”.'],
  'no-ending': ['scenarios/no-ending.yaml:26:5: no ending can be reached from the node “thinking”.'],
  trapped: [
    'scenarios/trapped.yaml:26:5: from the node “waiting” an ending can be reached only through choices with a condition or a “when” that may be false; give the pupil a way to an ending with choices that have no condition.',
  ],
  'unknown-skin': ['scenarios/unknown-skin.yaml:2:7: “skin” must be one of: messenger, feed, gamechat, inbox, settings, webpage.'],
  'unknown-show-type': [
    'scenarios/unknown-show-type.yaml:18:17: “nodes.0.show.0.type” must be one of: message, typing, photo-request, post, comment, email, sms, screen, popup, toggle.',
  ],
  'unknown-field': [
    'scenarios/unknown-field.yaml:18:9: the field “nodes.0.choices.0.next” is required.',
    'scenarios/unknown-field.yaml:20:9: unknown field “nodes.0.choices.0.nxt”.',
  ],
};

/** Written in kk, ru and en, and linted for all three. */
const MISSING_TEXT = [
  'scenarios/missing-text.yaml:10:11: “characters.0.name” has no kk text, but the pack is written in kk.',
  'scenarios/missing-text.yaml:19:11: “nodes.0.choices.0.label” has no ru text, but the pack is written in ru.',
];

describe('the example scenario', () => {
  it.each([[['kk', 'ru', 'en']], [['kk']], [['ru', 'en']]] as Lang[][][])('has no problems for a pack in %j', (languages) => {
    const result = parseScenario(GOOD, 'scenarios/prize-message.yaml', languages);
    expect(result.problems).toEqual([]);
    expect(result.scenario?.id).toBe('prize-message');
    expect(result.scenario?.nodes).toHaveLength(8);
  });

  it('the shortened example in docs/scenario-format.md is valid too', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/scenario-format.md', import.meta.url)), 'utf8');
    const example = /## A full example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(example).toMatch(/^id: prize-message/);
    expect(lines(example, 'scenarios/prize-message.yaml', LANGUAGES)).toEqual([]);
  });

  it('is accepted with Windows line endings and a .yml name in a folder', () => {
    expect(lines(GOOD.replace(/\n/g, '\r\n'), 'packs/x/scenarios/prize-message.yml', LANGUAGES)).toEqual([]);
  });

  it('lists every piece of text, each in three languages', () => {
    const scenario = parseScenario(GOOD, 'scenarios/prize-message.yaml', LANGUAGES).scenario;
    if (!scenario) throw new Error('no scenario');
    const fields = textFields(scenario);
    expect(fields.length).toBeGreaterThan(40);
    for (const { text } of fields) expect(Object.keys(text).sort()).toEqual(['en', 'kk', 'ru']);
  });
});

describe('broken scenarios', () => {
  it.each(Object.entries(BROKEN))('%s', (name, expected) => {
    expect(bad(name)).toEqual(expected);
  });

  it('missing-text names the field and the language', () => {
    expect(bad('missing-text', ['kk', 'ru', 'en'])).toEqual(MISSING_TEXT);
    expect(bad('missing-text', ['en'])).toEqual([]);
  });

  it('every fixture in bad/ has its expected problems here', () => {
    const files = readdirSync(BAD).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual([...Object.keys(BROKEN), 'missing-text'].sort());
  });

  it('every scenario rule is shown by a fixture', () => {
    const codes = new Set<string>();
    for (const name of Object.keys(BROKEN)) {
      for (const p of parseScenario(readFileSync(join(BAD, `${name}.yaml`), 'utf8'), `scenarios/${name}.yaml`, ['en']).problems) codes.add(p.code);
    }
    for (const p of parseScenario(readFileSync(join(BAD, 'missing-text.yaml'), 'utf8'), 'scenarios/missing-text.yaml', LANGUAGES).problems) codes.add(p.code);
    for (const code of SCENARIO_PROBLEMS) expect(codes, code).toContain(code);
  });

  it('give no scenario to play', () => {
    expect(parseScenario(readFileSync(join(BAD, 'trapped.yaml'), 'utf8'), 'scenarios/trapped.yaml', ['en']).scenario).toBeUndefined();
  });

  it('are reported in Kazakh and Russian too', () => {
    expect(bad('dangling-next', ['en'], 'kk')).toEqual(['scenarios/dangling-next.yaml:25:15: бұл сценарийде «byee» түйіні жоқ.']);
    expect(bad('dangling-next', ['en'], 'ru')).toEqual(['scenarios/dangling-next.yaml:25:15: в этом сценарии нет узла «byee».']);
    expect(bad('missing-text', LANGUAGES, 'kk')[1]).toBe(
      'scenarios/missing-text.yaml:19:11: «nodes.0.choices.0.label» өрісінде ru тіліндегі мәтін жоқ, ал жинақ бұл тілде жазылған.',
    );
    expect(bad('unreachable', ['en'], 'ru')).toEqual(['scenarios/unreachable.yaml:27:5: до узла «lost» нельзя добраться от начального узла «hello».']);
    expect(bad('unknown-skin', ['en'], 'ru')).toEqual([
      'scenarios/unknown-skin.yaml:2:7: «skin» должно быть одним из: messenger, feed, gamechat, inbox, settings, webpage.',
    ]);
  });
});

/** A small valid scenario to break in one place at a time. Line 14 is `start:`, nodes begin on line 16. */
function small(parts: { skin?: string; variables?: string; start?: string; nodes?: string } = {}): string {
  return `id: small
skin: ${parts.skin ?? 'messenger'}
title: { en: "Test" }
topic: privacy
ageBands: ["10-12"]
minutes: 5
characters:
  - id: sam
    role: friend
    name: { en: "Sam" }
variables:
${parts.variables ?? '  flags: [asked]\n  skills: [help]'}
start: ${parts.start ?? 'hello'}
nodes:
${
  parts.nodes ??
  `  - id: hello
    choices:
      - id: reply
        label: { en: "Reply" }
        next: bye`
}
  - id: bye
    ending:
      outcome: safe
      debrief: { en: "Done." }
`;
}
const smallLines = (source: string) => lines(source, 'scenarios/small.yaml');

describe('lint rules in detail', () => {
  it('the small base is valid', () => {
    expect(smallLines(small())).toEqual([]);
  });

  it('a missing start node is dangling, and reachability is not guessed', () => {
    expect(smallLines(small({ start: 'hallo' }))).toEqual(['scenarios/small.yaml:14:8: there is no node “hallo” in this scenario.']);
  });

  it('an otherwise pointing nowhere is dangling', () => {
    const nodes = `  - id: hello
    when: { flag: asked }
    otherwise: nowhere
    choices:
      - id: reply
        label: { en: "Reply" }
        next: bye`;
    expect(smallLines(small({ nodes }))).toEqual(['scenarios/small.yaml:18:16: there is no node “nowhere” in this scenario.']);
  });

  it('finds unknown variables deep inside conditions, in show items and toggles', () => {
    const nodes = `  - id: hello
    show:
      - type: toggle
        label: { en: "Share my location" }
        flag: location-on
        when: { any: [{ flag: asked }, { skill: grit, below: 2 }] }
    choices:
      - id: reply
        when: { all: [{ flag: asked }, { not: { flag: nope } }] }
        label: { en: "Reply" }
        effects: { unset: [gone] }
        next: bye
      - id: wait
        label: { en: "Wait" }
        next: bye`;
    expect(smallLines(small({ skin: 'settings', nodes }))).toEqual([
      'scenarios/small.yaml:20:15: the flag “location-on” is not declared under variables.flags.',
      'scenarios/small.yaml:21:49: the skill “grit” is not declared under variables.skills.',
      'scenarios/small.yaml:24:55: the flag “nope” is not declared under variables.flags.',
      'scenarios/small.yaml:26:28: the flag “gone” is not declared under variables.flags.',
    ]);
  });

  it('each malformed condition is reported where it is written', () => {
    const nodes = `  - id: hello
    choices:
      - id: a
        when: { skill: help }
        label: { en: "A" }
        next: bye
      - id: b
        when: { atLeast: 1 }
        label: { en: "B" }
        next: bye
      - id: c
        when: {}
        label: { en: "C" }
        next: bye
      - id: d
        when: { not: { flag: asked, not: { flag: asked } } }
        label: { en: "D" }
        next: bye
      - id: e
        label: { en: "E" }
        next: bye`;
    const message = 'a condition needs exactly one of: flag, not, all, any, or skill with atLeast and/or below.';
    expect(smallLines(small({ nodes }))).toEqual([
      `scenarios/small.yaml:19:15: ${message}`,
      `scenarios/small.yaml:23:15: ${message}`,
      `scenarios/small.yaml:27:15: ${message}`,
      `scenarios/small.yaml:31:22: ${message}`,
    ]);
  });

  it('a misspelt key in a condition is an unknown field on its line', () => {
    const nodes = `  - id: hello
    choices:
      - id: reply
        when: { flg: asked }
        label: { en: "Reply" }
        next: bye
      - id: wait
        label: { en: "Wait" }
        next: bye`;
    expect(smallLines(small({ nodes }))).toEqual(['scenarios/small.yaml:19:17: unknown field “nodes.0.choices.0.when.flg”.']);
  });

  it('duplicate flags, skills and characters name the first line', () => {
    const source = small({ variables: '  flags: [asked, told, asked]\n  skills: [help, help]' }).replace(
      'characters:\n',
      'characters:\n  - id: sam\n    role: adult\n    name: { en: "Sam again" }\n',
    );
    expect(smallLines(source)).toEqual([
      'scenarios/small.yaml:11:9: “sam” is used twice; it was first used on line 8.',
      'scenarios/small.yaml:15:24: “asked” is used twice; it was first used on line 15.',
      'scenarios/small.yaml:16:18: “help” is used twice; it was first used on line 16.',
    ]);
  });

  it('a choice that leads into a `when` that may send the pupil back is a trap', () => {
    const nodes = `  - id: hello
    choices:
      - id: go
        label: { en: "Go" }
        next: gate
  - id: gate
    when: { flag: asked }
    otherwise: hello
    choices:
      - id: leave
        label: { en: "Leave" }
        next: bye`;
    expect(smallLines(small({ nodes }))).toEqual([
      'scenarios/small.yaml:16:5: from the node “hello” an ending can be reached only through choices with a condition or a “when” that may be false; give the pupil a way to an ending with choices that have no condition.',
    ]);
  });

  it('one mistake is reported once: a dead end does not also make its parents endless', () => {
    const nodes = `  - id: hello
    choices:
      - id: go
        label: { en: "Go" }
        next: limbo
  - id: limbo
    prompt: { en: "Now what?" }`;
    expect(smallLines(small({ nodes }))).toEqual([
      'scenarios/small.yaml:21:5: the node “limbo” has neither choices nor an ending, so the pupil would be stuck there.',
      'scenarios/small.yaml:23:5: the node “bye” cannot be reached from the start node “hello”.',
    ]);
  });

  it('a YAML syntax error is reported as such', () => {
    expect(smallLines('id: x\n  skin: [')[0]).toMatch(/^scenarios\/small\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('a wrong show item field is reported inside the item', () => {
    const nodes = `  - id: hello
    show:
      - { type: email, from: sam, text: { en: "Hi" } }
    choices:
      - id: reply
        label: { en: "Reply" }
        next: bye`;
    expect(smallLines(small({ skin: 'inbox', nodes }))).toEqual(['scenarios/small.yaml:18:9: the field “nodes.0.show.0.subject” is required.']);
  });
});

describe('the rule tables', () => {
  it('every scenario problem has a message in every language', () => {
    for (const lang of LANGUAGES) {
      for (const code of SCENARIO_PROBLEMS) expect(CATALOGUES[lang][`problem.${code}`], `${lang} ${code}`).toBeTruthy();
    }
  });

  it('every skin allows screens and pop-ups, and every show type fits some skin', () => {
    for (const skin of SKINS) expect(SKIN_SHOWS[skin]).toEqual(expect.arrayContaining(['screen', 'popup']));
    for (const type of SHOW_TYPES) expect(SKINS.some((skin) => SKIN_SHOWS[skin].includes(type)), type).toBe(true);
  });

  it('a JSON Schema for editors can be generated from the schema (for the loader session)', () => {
    const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', io: 'input' }) as unknown as {
      additionalProperties?: boolean;
      required?: string[];
      properties: { nodes: { items: { properties: { show: { items: { oneOf?: unknown[]; anyOf?: unknown[] } } } } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'skin', 'title', 'topic', 'ageBands', 'minutes', 'start', 'nodes']));
    const show = schema.properties.nodes.items.properties.show.items;
    expect((show.oneOf ?? show.anyOf)?.length).toBe(SHOW_TYPES.length);
  });

  it('the locator falls back to the nearest parent that exists', () => {
    const loc = yamlLocator('a:\n  b:\n    - x\n    - y\n', 'f.yaml');
    expect(loc.at(['a', 'b', 1])).toEqual({ file: 'f.yaml', line: 4, col: 7 });
    expect(loc.at(['a', 'b', 7])).toEqual({ file: 'f.yaml', line: 3, col: 5 });
    expect(loc.key(['a'], 'b')).toEqual({ file: 'f.yaml', line: 2, col: 3 });
  });
});
