import type { Lang } from '../../../core/languages';
import type { ScenarioSummary } from '../../../core/scenario/engine';
import type { Votes } from '../../../core/scenario/votes';
import { scenarioKey, type DecisionRow, type Player, type PlayRow } from '../../db/database';
import { randomId } from '../../../core/classroom/bytes';
import type { ScenarioPlay } from '../../../core/classroom/results';
import { db } from '../../lib/db';
import type { PlayMode } from '../../lib/route.svelte';
import { session } from '../classroom/session.svelte';
import { scenarioPlayed } from '../classroom/store';
import { statistics } from '../stats/statistics.svelte';

/** Where a play's decisions go. The author preview plays without one, so nothing is stored. */
export interface PlayRecorder {
  start(replayOf?: { playId: string; step: number }): Promise<string>;
  decide(playId: string, step: number, nodeId: string, choiceId: string, ms: number, votes?: Votes): Promise<void>;
  finish(playId: string, result: ScenarioSummary): Promise<void>;
}

const SESSION_KEY = 'qorgau.session';

/**
 * Plays belong to the pupil signed in on this PC; without one (a teacher, or
 * a PC without classes), to an anonymous session: one per app window,
 * forgotten when it closes, never tied to a person.
 */
export function currentPlayer(): Player {
  if (session.pupil) return { kind: 'pupil', pupil: session.pupil.code };
  let anonymous = sessionStorage.getItem(SESSION_KEY);
  if (!anonymous) {
    anonymous = randomId();
    sessionStorage.setItem(SESSION_KEY, anonymous);
  }
  return { kind: 'anonymous', session: anonymous };
}

/** Stores plays and decisions in IndexedDB as they happen, so a closed window loses nothing decided. */
export function databaseRecorder(meta: { packId: string; packVersion: string; scenarioId: string; lang: Lang; mode: PlayMode }): PlayRecorder {
  const key = scenarioKey(meta.packId, meta.scenarioId);
  // A signed-in pupil's own plays also go to the classroom's results, which travel to the teacher's PC.
  const results = new Map<string, ScenarioPlay>();
  return {
    async start(replayOf) {
      const row: PlayRow = { id: randomId(), scenarioKey: key, ...meta, player: currentPlayer(), startedAt: Date.now() };
      if (replayOf) row.replayOf = replayOf;
      await db.plays.add(row);
      if (row.player.kind === 'pupil' && meta.mode === 'pupil') {
        const play: ScenarioPlay = { id: row.id, pupil: row.player.pupil, scenario: key, lang: meta.lang, startedAt: new Date(row.startedAt).toISOString(), decisions: 0 };
        results.set(row.id, play);
        await scenarioPlayed(play);
      }
      return row.id;
    },
    async decide(playId, step, nodeId, choiceId, ms, votes) {
      const row: DecisionRow = { playId, scenarioKey: key, step, nodeId, choiceId, decidedAt: Date.now(), ms: Math.round(ms) };
      if (votes) row.votes = { ...votes };
      await db.decisions.add(row);
      const play = results.get(playId);
      if (play) {
        play.decisions++;
        await scenarioPlayed(play);
      }
    },
    async finish(playId, result) {
      void statistics.record({ kind: 'scenario.played', packId: meta.packId, packVersion: meta.packVersion, item: meta.scenarioId, lang: meta.lang, ...(result.outcome ? { outcome: result.outcome } : {}) });
      await db.plays.update(playId, {
        endedAt: Date.now(),
        endingNode: result.node,
        ...(result.outcome ? { outcome: result.outcome } : {}),
        skills: { ...result.skills },
      });
      const play = results.get(playId);
      if (play) {
        play.finishedAt = new Date().toISOString();
        play.ending = result.node;
        if (result.outcome) play.outcome = result.outcome;
        play.skills = { ...result.skills };
        await scenarioPlayed(play);
      }
    },
  };
}
