import { describe, expect, it } from 'vitest';
import { loadPack } from '../../src/core/pack/load';
import fc from 'fast-check';
import { choose, ending, isEnded, replay, startScenario, visibleChoices } from '../../src/core/scenario/engine';
import { packFolderFiles } from '../../src/node/pack-folder';
import { seededRandom } from './support/random';

const pack = await loadPack(await packFolderFiles('lessons'));


describe('the built-in scenarios', () => {
  it('every skin is used, and every lesson’s topic and ages have a scenario', () => {
    expect([...new Set(pack.scenarios.map((s) => s.scenario.skin))].sort()).toEqual(['feed', 'gamechat', 'inbox', 'messenger', 'settings', 'webpage']);
    for (const lesson of pack.lessons) {
      const fits = pack.scenarios.filter((s) => s.scenario.topic === lesson.meta.topic && s.scenario.ageBands.some((b) => lesson.meta.ageBands.includes(b)));
      expect(fits.length, lesson.lessonId).toBeGreaterThan(0);
    }
  });

  it.each(pack.scenarios.map((s) => [s.scenarioId, s.scenario] as const))(
    '%s: 500 random walks always end, never on an unknown node, and reach every ending and every node',
    (_id, scenario) => {
      const nodes = new Set(scenario.nodes.map((n) => n.id));
      const endings = new Set(scenario.nodes.filter((n) => n.ending).map((n) => n.id));
      const visited = new Set<string>();
      const outcomes = new Set<string>();
      for (let walk = 0; walk < 500; walk++) {
        const next = seededRandom(7_000 + walk);
        let state = startScenario(scenario);
        for (let steps = 0; !isEnded(scenario, state); steps++) {
          expect(nodes.has(state.node), `walk ${walk}: unknown node ${state.node}`).toBe(true);
          expect(steps, `walk ${walk} never ends`).toBeLessThan(100);
          visited.add(state.node);
          const choices = visibleChoices(scenario, state);
          const pick = choices[Math.floor(next() * choices.length)];
          expect(pick, `walk ${walk} is stuck at ${state.node}`).toBeDefined();
          state = choose(scenario, state, pick?.id ?? '', steps);
        }
        visited.add(state.node);
        outcomes.add(ending(scenario, state)?.outcome ?? 'none');
      }
      expect([...outcomes].sort()).toEqual(['harmful', 'risky', 'safe']);
      expect([...endings].filter((e) => !visited.has(e)), 'endings no walk reached').toEqual([]);
      expect([...nodes].filter((n) => !visited.has(n)), 'nodes no walk reached').toEqual([]);
    },
  );
});

describe('the built-in scenarios, as properties (fast-check)', () => {
  it.each(pack.scenarios.map((s) => [s.scenarioId, s.scenario] as const))(
    '%s: any sequence of visible choices ends on a known ending, and replaying its decisions gives the same state',
    (_id, scenario) => {
      const nodes = new Set(scenario.nodes.map((n) => n.id));
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 100, maxLength: 100 }), (picks) => {
          let state = startScenario(scenario);
          for (const pick of picks) {
            if (isEnded(scenario, state)) break;
            expect(nodes.has(state.node)).toBe(true);
            const choices = visibleChoices(scenario, state);
            expect(choices.length).toBeGreaterThan(0);
            state = choose(scenario, state, choices[pick % choices.length]?.id ?? '');
          }
          expect(isEnded(scenario, state)).toBe(true);
          expect(ending(scenario, state)?.outcome).toMatch(/^(safe|risky|harmful)$/);
          expect(replay(scenario, state.path)).toEqual(state);
        }),
        { numRuns: 300 },
      );
    },
  );
});
