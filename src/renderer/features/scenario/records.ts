import type { Lang } from '../../../core/languages';
import type { ScenarioSummary } from '../../../core/scenario/engine';
import type { Votes } from '../../../core/scenario/votes';
import { scenarioKey, type DecisionRow, type Player, type PlayRow } from '../../db/database';
import { db } from '../../lib/db';
import type { PlayMode } from '../../lib/route.svelte';

/** Where a play's decisions go. The author preview plays without one, so nothing is stored. */
export interface PlayRecorder {
  start(replayOf?: { playId: string; step: number }): Promise<string>;
  decide(playId: string, step: number, nodeId: string, choiceId: string, ms: number, votes?: Votes): Promise<void>;
  finish(playId: string, result: ScenarioSummary): Promise<void>;
}

const SESSION_KEY = 'qorgau.session';

/**
 * Until pupils can sign in, plays belong to an anonymous session: one per
 * app window, forgotten when it closes, never tied to a person.
 */
export function currentPlayer(): Player {
  let session = sessionStorage.getItem(SESSION_KEY);
  if (!session) {
    session = randomId();
    sessionStorage.setItem(SESSION_KEY, session);
  }
  return { kind: 'anonymous', session };
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Stores plays and decisions in IndexedDB as they happen, so a closed window loses nothing decided. */
export function databaseRecorder(meta: { packId: string; packVersion: string; scenarioId: string; lang: Lang; mode: PlayMode }): PlayRecorder {
  const key = scenarioKey(meta.packId, meta.scenarioId);
  return {
    async start(replayOf) {
      const row: PlayRow = { id: randomId(), scenarioKey: key, ...meta, player: currentPlayer(), startedAt: Date.now() };
      if (replayOf) row.replayOf = replayOf;
      await db.plays.add(row);
      return row.id;
    },
    async decide(playId, step, nodeId, choiceId, ms, votes) {
      const row: DecisionRow = { playId, scenarioKey: key, step, nodeId, choiceId, decidedAt: Date.now(), ms: Math.round(ms) };
      if (votes) row.votes = { ...votes };
      await db.decisions.add(row);
    },
    async finish(playId, result) {
      await db.plays.update(playId, {
        endedAt: Date.now(),
        endingNode: result.node,
        ...(result.outcome ? { outcome: result.outcome } : {}),
        skills: { ...result.skills },
      });
    },
  };
}
