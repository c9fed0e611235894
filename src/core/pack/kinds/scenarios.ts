import { compareText } from '../../base/order';
import { parseScenario } from '../../scenario/lint';
import { scenarioSchema, type Scenario } from '../../scenario/schema';
import type { ContentKind } from './kind';

/** A branching scenario, `scenarios/<id>.yaml`, with its text in every language of the pack (docs/scenario-format.md). */
export interface LoadedScenario {
  scenarioId: string;
  path: string;
  scenario: Scenario;
}

const PATH = /^scenarios\/([^/]+)\.yaml$/;

export const scenarioKind: ContentKind<'scenarios', LoadedScenario> = {
  key: 'scenarios',
  match(path) {
    const m = PATH.exec(path);
    return m?.[1] ? { name: m[1] } : undefined;
  },
  jsonSchema: { file: 'scenario.schema.json', schema: scenarioSchema },
  async load(files, { meta, problems, readText }) {
    const scenarios: LoadedScenario[] = [];
    for (const { file } of files) {
      const text = await readText(file);
      if (text === undefined || !meta) continue;
      const parsed = parseScenario(text, file.path, meta.languages);
      problems.push(...parsed.problems);
      if (parsed.scenario) scenarios.push({ scenarioId: parsed.scenario.id, path: file.path, scenario: parsed.scenario });
    }
    return scenarios;
  },
  compare: (a, b) => compareText(a.scenarioId, b.scenarioId),
};
