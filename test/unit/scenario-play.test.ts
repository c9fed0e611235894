/**
 * What the player needs beyond choosing: the conversation so far, the choices
 * that were on offer, an author's jump to any node, and class votes.
 * The example is test/fixtures/scenarios/prize-message.yaml.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choose, offeredChoices, startAt, startScenario, transcript, visibleChoices, type ScenarioState } from '../../src/core/scenario/engine';
import { parseScenario } from '../../src/core/scenario/lint';
import type { Scenario } from '../../src/core/scenario/schema';
import { majority, parseVoteCount, totalVotes, voteShares } from '../../src/core/scenario/votes';

const source = readFileSync(fileURLToPath(new URL('../fixtures/scenarios/prize-message.yaml', import.meta.url)), 'utf8');
const parsed = parseScenario(source, 'scenarios/prize-message.yaml', ['kk', 'ru', 'en']);
if (!parsed.scenario) throw new Error('the example scenario must be valid');
const S: Scenario = parsed.scenario;
const play = (choices: string[], from: ScenarioState = startScenario(S)) => choices.reduce((state, c) => choose(S, state, c), from);

describe('the conversation so far', () => {
  it('at the start, one screen: what the start node shows', () => {
    const screens = transcript(S, startScenario(S));
    expect(screens.map((s) => s.nodeId)).toEqual(['inbox']);
    expect(screens[0]?.items.map((i) => i.type)).toEqual(['email']);
  });

  it('lists every visited screen in order, the current one last', () => {
    const screens = transcript(S, play(['check-sender', 'back', 'open-link']));
    expect(screens.map((s) => s.nodeId)).toEqual(['inbox', 'sender-details', 'inbox', 'login-page']);
    expect(screens.at(-1)?.items.map((i) => i.type)).toEqual(['screen', 'popup']);
  });

  it('shows each screen as it was then: an item whose condition became true later stays hidden on the earlier screen', () => {
    // ask-adult shows a second SMS only once the password was typed.
    const safe = transcript(S, play(['ask-mum']));
    expect(safe.at(-1)?.items).toHaveLength(1);
    const late = transcript(S, play(['open-link', 'type-password', 'tell-mum']));
    expect(late.at(-1)?.nodeId).toBe('ask-adult');
    expect(late.at(-1)?.items).toHaveLength(2);
  });
});

describe('choices on offer at each decision', () => {
  it('lists what the pupil could pick at every step, conditional choices included only when they were shown', () => {
    const offered = offeredChoices(S, play(['check-sender', 'open-anyway', 'close-tab']));
    expect(offered.map((list) => list.map((c) => c.id))).toEqual([
      ['open-link', 'check-sender', 'ask-mum'],
      ['ask-mum', 'open-anyway', 'back'],
      ['type-password', 'close-tab', 'report-page'],
    ]);
    const withoutCheck = offeredChoices(S, play(['open-link', 'close-tab']));
    expect(withoutCheck[1]?.map((c) => c.id)).toEqual(['type-password', 'close-tab']);
  });
});

describe("an author's jump to a node", () => {
  it('starts at the chosen node with no flags and every skill at 0', () => {
    const state = startAt(S, 'login-page');
    expect(state.node).toBe('login-page');
    expect(state.path).toEqual([]);
    expect(state.flags).toEqual([]);
    expect(Object.values(state.skills).every((v) => v === 0)).toBe(true);
    expect(visibleChoices(S, state).map((c) => c.id)).toEqual(['type-password', 'close-tab']);
  });

  it('follows the node’s condition like a pupil would: end-safe without a typed password stays', () => {
    expect(startAt(S, 'end-safe').node).toBe('end-safe');
  });

  it('after a jump, the conversation holds the screens from the jump on', () => {
    const state = choose(S, startAt(S, 'login-page'), 'type-password');
    expect(transcript(S, state).map((s) => s.nodeId)).toEqual(['password-typed']);
  });

  it('an unknown node is refused', () => {
    expect(() => startAt(S, 'nowhere')).toThrow(/unknownNode/);
  });
});

describe('class votes', () => {
  const ids = ['a', 'b', 'c'];

  it('the majority is the option with the most votes', () => {
    expect(majority({ a: 3, b: 17, c: 5 }, ids)).toBe('b');
  });

  it('a tie at the top or no votes at all leaves the choice to the teacher', () => {
    expect(majority({ a: 9, b: 9, c: 2 }, ids)).toBeUndefined();
    expect(majority({}, ids)).toBeUndefined();
    expect(majority({ a: 0, b: 0, c: 0 }, ids)).toBeUndefined();
  });

  it('a tie below the top does not matter', () => {
    expect(majority({ a: 2, b: 2, c: 10 }, ids)).toBe('c');
  });

  it('votes for options not on offer are ignored', () => {
    expect(majority({ a: 1, z: 50 }, ids)).toBe('a');
  });

  it('reads what the teacher typed: blank is 0, anything but a whole number up to 999 is refused', () => {
    expect(parseVoteCount('')).toBe(0);
    expect(parseVoteCount(' 12 ')).toBe(12);
    expect(parseVoteCount('999')).toBe(999);
    for (const bad of ['-1', '1.5', '1000', 'ten', '1e2', '٣']) expect(parseVoteCount(bad), bad).toBeUndefined();
  });

  it('percentages add up to exactly 100 whenever someone voted', () => {
    expect(voteShares({ a: 1, b: 1, c: 1 }, ids)).toEqual({ a: 34, b: 33, c: 33 });
    expect(voteShares({ a: 0, b: 0, c: 0 }, ids)).toEqual({ a: 0, b: 0, c: 0 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 }), (counts) => {
        const keys = counts.map((_, i) => `o${i}`);
        const votes = Object.fromEntries(keys.map((k, i) => [k, counts[i] ?? 0]));
        const shares = voteShares(votes, keys);
        const sum = Object.values(shares).reduce((a, b) => a + b, 0);
        expect(sum).toBe(totalVotes(votes) === 0 ? 0 : 100);
        // The option with the most votes never shows a smaller share than another.
        const top = keys.reduce((best, k) => ((votes[k] ?? 0) > (votes[best] ?? 0) ? k : best), keys[0] ?? 'o0');
        for (const k of keys) expect(shares[top] ?? 0).toBeGreaterThanOrEqual(shares[k] ?? 0);
      }),
    );
  });
});
