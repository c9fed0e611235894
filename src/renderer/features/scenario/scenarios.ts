import type { Lang } from '../../../core/languages';
import type { ScenarioRow, PackRow } from '../../db/database';
import { db } from '../../lib/db';
import { scenarioKey } from '../../db/database';

/** A scenario with the pack it came from: the player needs the pack's languages, version and help services. */
export interface OpenScenario {
  row: ScenarioRow;
  pack: PackRow;
}

export async function openScenario(packId: string, scenarioId: string): Promise<OpenScenario | null> {
  const [row, pack] = await Promise.all([db.scenarios.get(scenarioKey(packId, scenarioId)), db.packs.get(packId)]);
  return row && pack ? { row, pack } : null;
}

/** Every scenario, built-in pack first, then by pack and title order. */
export async function listScenarios(): Promise<OpenScenario[]> {
  const [rows, packs] = await Promise.all([db.scenarios.toArray(), db.packs.toArray()]);
  const byId = new Map(packs.map((p) => [p.id, p]));
  return rows
    .flatMap((row) => {
      const pack = byId.get(row.packId);
      return pack ? [{ row, pack }] : [];
    })
    .sort((a, b) => Number(b.pack.builtin) - Number(a.pack.builtin) || a.pack.id.localeCompare(b.pack.id) || a.row.scenarioId.localeCompare(b.row.scenarioId));
}

/** The language to play in: the interface language when the pack has it, else the pack's first. */
export function playLanguage(pack: PackRow, wanted: Lang): Lang {
  return pack.meta.languages.includes(wanted) ? wanted : (pack.meta.languages[0] ?? wanted);
}
