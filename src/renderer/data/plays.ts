import type { ScenarioPlay } from '../../core/classroom/results';
import type { DecisionRow, PlayRow, QorgauDb } from './database';

/** How a play ended, as the plays table keeps it. */
export type PlayEnding = Required<Pick<PlayRow, 'endedAt' | 'endingNode' | 'skills'>> & Pick<PlayRow, 'outcome'>;

/**
 * Scenario plays as they happen. A signed-in pupil's play is also a classroom
 * result (the record that travels to the teacher's PC); each step writes both
 * in one transaction, so a closed window never leaves one without the other.
 */
export function playsRepository(db: QorgauDb) {
  return {
    async start(play: PlayRow, result?: ScenarioPlay): Promise<void> {
      await db.transaction('rw', db.plays, db.scenarioResults, async () => {
        await db.plays.add(play);
        if (result) await db.scenarioResults.put(result);
      });
    },
    async decide(decision: DecisionRow, result?: ScenarioPlay): Promise<void> {
      await db.transaction('rw', db.decisions, db.scenarioResults, async () => {
        await db.decisions.add(decision);
        if (result) await db.scenarioResults.put(result);
      });
    },
    async finish(playId: string, ending: PlayEnding, result?: ScenarioPlay): Promise<void> {
      await db.transaction('rw', db.plays, db.scenarioResults, async () => {
        await db.plays.update(playId, ending);
        if (result) await db.scenarioResults.put(result);
      });
    },
    /** A play with its decisions in order, for review and tests. */
    async get(playId: string): Promise<{ play: PlayRow; decisions: DecisionRow[] } | undefined> {
      const play = await db.plays.get(playId);
      if (!play) return undefined;
      const decisions = (await db.decisions.where('playId').equals(playId).toArray()).sort((a, b) => a.step - b.step);
      return { play, decisions };
    },
  };
}

