import type { Lang } from '../../../core/base/languages';
import type { ScenarioRow, PackRow } from '../../data/database';
import { packs } from '../../app/data';

/** A scenario with the pack it came from: the player needs the pack's languages, version and help services. */
export interface OpenScenario {
  row: ScenarioRow;
  pack: PackRow;
}

export async function openScenario(packId: string, scenarioId: string): Promise<OpenScenario | null> {
  return packs.scenario(packId, scenarioId);
}

/** Every scenario, built-in pack first, then by pack and title order. */
export async function listScenarios(): Promise<OpenScenario[]> {
  return (await packs.scenarios()).sort((a, b) => Number(b.pack.builtin) - Number(a.pack.builtin) || a.pack.id.localeCompare(b.pack.id) || a.row.scenarioId.localeCompare(b.row.scenarioId));
}

/** The language to play in: the interface language when the pack has it, else the pack's first. */
export function playLanguage(pack: PackRow, wanted: Lang): Lang {
  return pack.meta.languages.includes(wanted) ? wanted : (pack.meta.languages[0] ?? wanted);
}
