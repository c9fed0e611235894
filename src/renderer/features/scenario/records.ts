import type { Lang } from '../../../core/base/languages';
import type { ScenarioSummary } from '../../../core/scenario/engine';
import type { Votes } from '../../../core/scenario/votes';
import { scenarioKey, type DecisionRow, type Player, type PlayRow } from '../../data/database';
import { randomId } from '../../../core/base/bytes';
import type { ScenarioPlay } from '../../../core/classroom/results';
import type { PlayMode } from '../../lib/route.svelte';
import { session } from '../../app/session.svelte';
import { preferences } from '../../lib/preferences';
import { plays } from '../../app/data';
import { statistics } from '../../app/statistics.svelte';

/** Where a play's decisions go. The author preview plays without one, so nothing is stored. */
export interface PlayRecorder {
  start(replayOf?: { playId: string; step: number }): Promise<string>;
  decide(playId: string, step: number, nodeId: string, choiceId: string, ms: number, votes?: Votes): Promise<void>;
  finish(playId: string, result: ScenarioSummary): Promise<void>;
}

/**
 * Plays belong to the pupil signed in on this PC; without one (a teacher, or
 * a PC without classes), to an anonymous session: one per app window,
 * forgotten when it closes, never tied to a person.
 */
function currentPlayer(): Player {
  if (session.pupil) return { kind: 'pupil', pupil: session.pupil.code };
  let anonymous = preferences.anonymousPlayer.get();
  if (!anonymous) {
    anonymous = randomId();
    preferences.anonymousPlayer.set(anonymous);
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
      const row: PlayRow = { id: randomId(), scenarioKey: key, ...meta, player: currentPlayer(), startedAt: new Date().toISOString() };
      if (replayOf) row.replayOf = replayOf;
      let result: ScenarioPlay | undefined;
      if (row.player.kind === 'pupil' && meta.mode === 'pupil') {
        result = { id: row.id, pupil: row.player.pupil, scenario: key, lang: meta.lang, startedAt: row.startedAt, decisions: 0 };
        results.set(row.id, result);
      }
      await plays.start(row, result);
      return row.id;
    },
    async decide(playId, step, nodeId, choiceId, ms, votes) {
      const row: DecisionRow = { playId, scenarioKey: key, step, nodeId, choiceId, decidedAt: new Date().toISOString(), ms: Math.round(ms) };
      if (votes) row.votes = { ...votes };
      const play = results.get(playId);
      if (play) play.decisions++;
      await plays.decide(row, play);
    },
    async finish(playId, result) {
      void statistics.record({ kind: 'scenario.played', packId: meta.packId, packVersion: meta.packVersion, item: meta.scenarioId, lang: meta.lang, ...(result.outcome ? { outcome: result.outcome } : {}) });
      const endedAt = new Date().toISOString();
      const play = results.get(playId);
      if (play) {
        play.finishedAt = endedAt;
        play.ending = result.node;
        if (result.outcome) play.outcome = result.outcome;
        play.skills = { ...result.skills };
      }
      await plays.finish(playId, { endedAt, endingNode: result.node, ...(result.outcome ? { outcome: result.outcome } : {}), skills: { ...result.skills } }, play);
    },
  };
}
