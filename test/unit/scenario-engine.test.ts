/**
 * Playing scenarios: paths, effects, conditions, routing, replay, debrief.
 * The example is test/fixtures/scenarios/prize-message.yaml.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  choose,
  conditionHolds,
  currentNode,
  ending,
  isEnded,
  replay,
  replayFrom,
  ScenarioError,
  startScenario,
  summary,
  visibleChoices,
  visibleShow,
  type ScenarioState,
} from '../../src/core/scenario/engine';
import { parseScenario } from '../../src/core/scenario/lint';
import { scenarioSchema, type Scenario } from '../../src/core/scenario/schema';
import { seededRandom } from './support/random';

const source = readFileSync(fileURLToPath(new URL('../fixtures/scenarios/prize-message.yaml', import.meta.url)), 'utf8');
const parsed = parseScenario(source, 'scenarios/prize-message.yaml', ['kk', 'ru', 'en']);
if (!parsed.scenario) throw new Error('the example scenario must be valid');
const S: Scenario = parsed.scenario;

const play = (choices: string[], from: ScenarioState = startScenario(S)) => choices.reduce((state, c) => choose(S, state, c), from);
const ids = (state: ScenarioState) => visibleChoices(S, state).map((c) => c.id);
const errorCode = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).code;
  }
  throw new Error('expected a ScenarioError');
};

describe('starting', () => {
  it('starts at the start node with no flags and every skill at 0', () => {
    const state = startScenario(S);
    expect(state).toEqual({
      scenarioId: 'prize-message',
      node: 'inbox',
      flags: [],
      skills: { privacy: 0, help: 0, manipulation: 0, kindness: 0 },
      path: [],
    });
    expect(isEnded(S, state)).toBe(false);
    expect(ending(S, state)).toBeUndefined();
    expect(ids(state)).toEqual(['open-link', 'check-sender', 'ask-mum']);
    expect(visibleShow(S, state).map((i) => i.type)).toEqual(['email']);
  });
});

describe('each path reaches its ending', () => {
  it('asking Mum at once is safe', () => {
    const state = play(['ask-mum', 'block-and-delete']);
    expect(state.node).toBe('end-safe');
    expect(ending(S, state)?.outcome).toBe('safe');
    expect(state.flags).toEqual(['told-adult']);
    expect(state.skills).toEqual({ privacy: 0, help: 1, manipulation: 1, kindness: 0 });
  });

  it('checking the sender, then warning Dana, is safe and kind', () => {
    const state = play(['check-sender', 'ask-mum', 'warn-dana']);
    expect(state.node).toBe('end-safe');
    expect(state.flags).toEqual(['checked-sender', 'told-adult']);
    expect(state.skills).toEqual({ privacy: 0, help: 2, manipulation: 1, kindness: 1 });
  });

  it('closing the page is safe', () => {
    const state = play(['open-link', 'close-tab']);
    expect(ending(S, state)?.outcome).toBe('safe');
    expect(state.skills).toEqual({ privacy: 1, help: 0, manipulation: -1, kindness: 0 });
  });

  it('typing the password and telling no one is harmful', () => {
    const state = play(['open-link', 'type-password', 'ignore-it']);
    expect(state.node).toBe('end-harmful');
    expect(ending(S, state)?.outcome).toBe('harmful');
    expect(state.flags).toEqual(['clicked-link', 'entered-password']);
    expect(state.skills).toEqual({ privacy: -2, help: -1, manipulation: -1, kindness: 0 });
  });

  it('typing the password and then telling Mum is risky: end-safe sends the pupil on to end-risky', () => {
    const state = play(['open-link', 'type-password', 'tell-mum', 'block-and-delete']);
    expect(state.node).toBe('end-risky');
    expect(ending(S, state)?.outcome).toBe('risky');
    expect(state.flags).toEqual(['clicked-link', 'entered-password', 'told-adult']);
    expect(state.skills).toEqual({ privacy: -2, help: 2, manipulation: 0, kindness: 0 });
  });

  it('going back and forth repeats the effects', () => {
    const state = play(['check-sender', 'back', 'check-sender', 'back']);
    expect(state.node).toBe('inbox');
    expect(state.skills.manipulation).toBe(2);
    expect(state.flags).toEqual(['checked-sender']);
  });
});

describe('conditions', () => {
  it('a conditional choice appears only when its condition holds', () => {
    expect(ids(play(['open-link']))).toEqual(['type-password', 'close-tab']);
    expect(ids(play(['check-sender', 'open-anyway']))).toEqual(['type-password', 'close-tab', 'report-page']);
    expect(ids(play(['ask-mum']))).toEqual(['block-and-delete']);
    expect(ids(play(['check-sender', 'ask-mum']))).toEqual(['block-and-delete', 'warn-dana']);
  });

  it('the conditional choice works when shown', () => {
    const state = play(['check-sender', 'open-anyway', 'report-page']);
    expect(state.node).toBe('end-safe');
    expect(state.skills).toEqual({ privacy: 1, help: 0, manipulation: 1, kindness: 0 });
  });

  it('a conditional show item appears only when its condition holds', () => {
    const shown = (state: ScenarioState) => visibleShow(S, state).map((i) => ('text' in i ? i.text.en : ''));
    expect(shown(play(['ask-mum']))).toHaveLength(1);
    expect(shown(play(['open-link', 'type-password', 'tell-mum']))).toEqual([
      expect.stringContaining('glad you told me'),
      expect.stringContaining('change it right now'),
    ]);
  });

  it('evaluates every form', () => {
    const state = { flags: ['a'], skills: { s: 2 } };
    expect(conditionHolds({ flag: 'a' }, state)).toBe(true);
    expect(conditionHolds({ not: { flag: 'a' } }, state)).toBe(false);
    expect(conditionHolds({ all: [{ flag: 'a' }, { skill: 's', atLeast: 2 }] }, state)).toBe(true);
    expect(conditionHolds({ all: [{ flag: 'a' }, { skill: 's', atLeast: 3 }] }, state)).toBe(false);
    expect(conditionHolds({ any: [{ flag: 'b' }, { skill: 's', below: 3 }] }, state)).toBe(true);
    expect(conditionHolds({ any: [{ flag: 'b' }, { skill: 's', below: 2 }] }, state)).toBe(false);
    expect(conditionHolds({ skill: 's', atLeast: 1, below: 3 }, state)).toBe(true);
    expect(conditionHolds({ skill: 'unknown', below: 1 }, state)).toBe(true);
    expect(() => conditionHolds({ flag: 'a', skill: 's' }, state)).toThrow(ScenarioError);
  });
});

describe('mistakes of the caller', () => {
  it('choosing a hidden choice throws', () => {
    expect(errorCode(() => choose(S, play(['open-link']), 'report-page'))).toBe('hiddenChoice');
  });

  it('choosing an unknown choice throws', () => {
    expect(errorCode(() => choose(S, startScenario(S), 'run-away'))).toBe('unknownChoice');
  });

  it('choosing after the end throws', () => {
    expect(errorCode(() => choose(S, play(['ask-mum', 'block-and-delete']), 'block-and-delete'))).toBe('ended');
    expect(visibleChoices(S, play(['ask-mum', 'block-and-delete']))).toEqual([]);
  });

  it('a state of another scenario or an unknown node throws', () => {
    const other = { ...startScenario(S), scenarioId: 'other' };
    expect(errorCode(() => visibleChoices(S, other))).toBe('wrongScenario');
    expect(errorCode(() => choose(S, { ...startScenario(S), node: 'nowhere' }, 'ask-mum'))).toBe('unknownNode');
  });

  it('an `otherwise` circle that lint would refuse throws instead of hanging', () => {
    const bad = scenarioSchema.parse({
      ...S,
      start: 'a',
      nodes: [
        { id: 'a', when: { flag: 'told-adult' }, otherwise: 'b', ending: S.nodes[5]?.ending },
        { id: 'b', when: { flag: 'told-adult' }, otherwise: 'a', ending: S.nodes[5]?.ending },
      ],
    });
    expect(errorCode(() => startScenario(bad))).toBe('otherwiseLoop');
  });
});

describe('states are values', () => {
  it('choose never changes the state it was given, and states are frozen', () => {
    const start = startScenario(S);
    const copy = structuredClone(start);
    const next = choose(S, start, 'check-sender', 1000);
    expect(start).toEqual(copy);
    expect(next).not.toBe(start);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next.flags)).toBe(true);
    expect(Object.isFrozen(next.skills)).toBe(true);
    expect(Object.isFrozen(next.path[0])).toBe(true);
  });

  it('records each decision with its time when given', () => {
    const state = choose(S, choose(S, startScenario(S), 'open-link', 1000), 'close-tab');
    expect(state.path).toEqual([{ nodeId: 'inbox', choiceId: 'open-link', at: 1000 }, { nodeId: 'login-page', choiceId: 'close-tab' }]);
  });

  it('survive JSON, as they will in the database', () => {
    const state = play(['check-sender', 'ask-mum']);
    const restored = JSON.parse(JSON.stringify(state)) as ScenarioState;
    expect(ids(restored)).toEqual(['block-and-delete', 'warn-dana']);
    expect(replay(S, restored.path)).toEqual(state);
  });
});

describe('replay', () => {
  const harmful = play(['open-link', 'type-password', 'ignore-it']);

  it('replayFrom gives the state before decision N', () => {
    const before = replayFrom(S, harmful, 1);
    expect(before.node).toBe('login-page');
    expect(before.flags).toEqual(['clicked-link']);
    expect(before.skills).toEqual({ privacy: 0, help: 0, manipulation: -1, kindness: 0 });
    expect(before.path).toEqual([{ nodeId: 'inbox', choiceId: 'open-link' }]);
    const other = choose(S, before, 'close-tab');
    expect(ending(S, other)?.outcome).toBe('safe');
  });

  it('replayFrom 0 is the start and replayFrom the last step is the state itself', () => {
    expect(replayFrom(S, harmful, 0)).toEqual(startScenario(S));
    expect(replayFrom(S, harmful, 3)).toEqual(harmful);
  });

  it('replayFrom outside the path throws', () => {
    expect(errorCode(() => replayFrom(S, harmful, 4))).toBe('badStep');
    expect(errorCode(() => replayFrom(S, harmful, -1))).toBe('badStep');
    expect(errorCode(() => replayFrom(S, harmful, 1.5))).toBe('badStep');
  });

  it('replay refuses decisions that no longer fit the scenario', () => {
    expect(errorCode(() => replay(S, [{ nodeId: 'login-page', choiceId: 'close-tab' }]))).toBe('badStep');
    expect(errorCode(() => replay(S, [{ nodeId: 'inbox', choiceId: 'gone' }]))).toBe('unknownChoice');
  });
});

describe('summary for the debrief', () => {
  it('lists each decision with its label, feedback and rating, the final skills and the outcome', () => {
    const state = [
      ['open-link', 1],
      ['type-password', 2],
      ['tell-mum', 3],
      ['block-and-delete', 4],
    ].reduce<ScenarioState>((s, [c, at]) => choose(S, s, String(c), Number(at)), startScenario(S));
    const sum = summary(S, state);
    expect(sum.ended).toBe(true);
    expect(sum.node).toBe('end-risky');
    expect(sum.outcome).toBe('risky');
    expect(sum.title?.en).toBe('A close call');
    expect(sum.debrief?.kk).toMatch(/құпиясөз/);
    expect(sum.skillsPractised).toEqual(['help', 'privacy']);
    expect(sum.skills).toEqual({ privacy: -2, help: 2, manipulation: 0, kindness: 0 });
    expect(sum.steps.map((s) => [s.nodeId, s.choiceId, s.outcome, s.at])).toEqual([
      ['inbox', 'open-link', 'risky', 1],
      ['login-page', 'type-password', 'harmful', 2],
      ['password-typed', 'tell-mum', 'safe', 3],
      ['ask-adult', 'block-and-delete', 'safe', 4],
    ]);
    expect(sum.steps[1]?.label.ru).toBe('Ввести логин и пароль');
    expect(sum.steps[1]?.feedback?.en).toMatch(/strangers know your password/);
    expect(sum.steps[1]?.prompt?.kk).toBe('Не істейсің?');
    expect(sum.steps[1]?.skills).toEqual({ privacy: -2 });
  });

  it('before the end, the skills practised are those the path added to', () => {
    const sum = summary(S, play(['check-sender', 'ask-mum']));
    expect(sum.ended).toBe(false);
    expect(sum.outcome).toBeUndefined();
    expect(sum.skillsPractised).toEqual(['help', 'manipulation']);
    expect(sum.steps[1]?.feedback).toBeUndefined();
  });
});

describe('settings toggles', () => {
  const settings = parseScenario(
    `id: location
skin: settings
title: { en: "Location" }
topic: privacy
ageBands: ["10-12"]
minutes: 5
variables: { flags: [location-on] }
start: app
nodes:
  - id: app
    show:
      - type: toggle
        label: { en: "Share my location" }
        flag: location-on
      - type: toggle
        label: { en: "Private account" }
        on: true
    choices:
      - { id: turn-on, label: { en: "Turn location on" }, effects: { set: [location-on] }, next: app }
      - { id: turn-off, label: { en: "Turn location off" }, effects: { unset: [location-on] }, next: app }
      - { id: done, label: { en: "Done" }, next: end }
  - id: end
    ending: { outcome: safe, debrief: { en: "Done." } }
`,
    'scenarios/location.yaml',
    ['en'],
  );

  it('show the state of their flag', () => {
    expect(settings.problems).toEqual([]);
    const s = settings.scenario as Scenario;
    const toggles = (state: ScenarioState) => visibleShow(s, state).map((i) => (i.type === 'toggle' ? i.on : undefined));
    let state = startScenario(s);
    expect(toggles(state)).toEqual([false, true]);
    state = choose(s, state, 'turn-on');
    expect(toggles(state)).toEqual([true, true]);
    state = choose(s, state, 'turn-off');
    expect(toggles(state)).toEqual([false, true]);
    expect(currentNode(s, state).id).toBe('app');
  });
});


describe('random walks', () => {
  it('1,000 walks picking any visible choice always reach an ending on a real node', () => {
    const MAX_STEPS = 60;
    const nodes = new Set(S.nodes.map((n) => n.id));
    const outcomes = new Map<string, number>();
    const visited = new Set<string>();
    for (let walk = 0; walk < 1000; walk++) {
      const next = seededRandom(20240601 + walk);
      let state = startScenario(S);
      let steps = 0;
      while (!isEnded(S, state)) {
        expect(nodes.has(state.node)).toBe(true);
        visited.add(state.node);
        const choices = visibleChoices(S, state);
        expect(choices.length, `walk ${walk} stuck at ${state.node}`).toBeGreaterThan(0);
        const pick = choices[Math.floor(next() * choices.length)];
        if (!pick) throw new Error('no pick');
        state = choose(S, state, pick.id, steps);
        steps++;
        expect(steps, `walk ${walk} is too long`).toBeLessThanOrEqual(MAX_STEPS);
      }
      visited.add(state.node);
      expect(state.path).toHaveLength(steps);
      expect(replay(S, state.path)).toEqual(state);
      const outcome = ending(S, state)?.outcome ?? 'none';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.keys()].sort()).toEqual(['harmful', 'risky', 'safe']);
    expect([...visited].sort()).toEqual([...nodes].sort());
  });
});
