import type { Lang } from '../base/languages';
import { problem, type Problem, type ProblemCode } from '../base/problems';
import { parseYaml } from '../base/yaml';
import { yamlLocator, type YamlLocator, type YamlPath } from '../base/locate';
import {
  conditionForm,
  PUPIL,
  scenarioSchema,
  SHOW_TYPES,
  SKIN_SHOWS,
  textFields,
  type Condition,
  type Scenario,
  type ScenarioNode,
} from './schema';

/** Every problem code lint.ts reports, beyond the schema's. A unit test checks each has a message in every language. */
export const SCENARIO_PROBLEMS = [
  'scenario.idMismatch',
  'scenario.duplicateId',
  'scenario.reservedCharacter',
  'scenario.missingText',
  'scenario.unknownCharacter',
  'scenario.showNotInSkin',
  'scenario.badCondition',
  'scenario.unknownFlag',
  'scenario.unknownSkill',
  'scenario.deadEnd',
  'scenario.choicesAndEnding',
  'scenario.promptOnEnding',
  'scenario.stuckChoices',
  'scenario.whenWithoutOtherwise',
  'scenario.otherwiseWithoutWhen',
  'scenario.danglingNext',
  'scenario.otherwiseLoop',
  'scenario.unreachable',
  'scenario.noEnding',
  'scenario.trapped',
] as const satisfies readonly ProblemCode[];

// Compile-time check that the list above names every scenario code of the ProblemCode union.
type Unlisted = Exclude<Extract<ProblemCode, `scenario.${string}`>, (typeof SCENARIO_PROBLEMS)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

export interface ParsedScenario {
  /** Only when there are no problems: the engine may assume a scenario it gets from here is sound. */
  scenario?: Scenario;
  problems: Problem[];
}

/**
 * Reads and checks one scenario file. `file` is its path inside the pack
 * (`scenarios/<id>.yaml`), `languages` the pack's languages: every text must
 * exist in each of them. Problems come sorted by line.
 */
export function parseScenario(source: string, file: string, languages: readonly Lang[]): ParsedScenario {
  const parsed = parseYaml(source, scenarioSchema, file);
  if (!parsed.value) return { problems: parsed.problems.map(showTypeProblem) };
  const problems = lintScenario(parsed.value, file, languages, yamlLocator(source, file));
  return problems.length ? { problems } : { scenario: parsed.value, problems };
}

const SHOW_TYPE_PATH = /^nodes\.\d+\.show\.\d+\.type$/;

/**
 * zod reports an unknown `type` of a show item (a discriminated union) as a
 * wrong format; say which types exist instead, like any other enum.
 */
function showTypeProblem(p: Problem): Problem {
  const field = p.params?.field;
  if (p.code !== 'schema.format' || typeof field !== 'string' || !SHOW_TYPE_PATH.test(field)) return p;
  return { ...p, code: 'schema.notOneOf', params: { field, values: SHOW_TYPES.join(', ') } };
}

/** The checks that need the whole scenario: names, languages, variables and the graph. */
function lintScenario(s: Scenario, file: string, languages: readonly Lang[], loc: YamlLocator): Problem[] {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, path: YamlPath, params?: Record<string, string | number>, key?: string) => {
    const at = key === undefined ? loc.at(path) : loc.key(path, key);
    problems.push(problem(code, params ? { ...at, params } : at));
  };

  // The file name.
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
  if (s.id !== name) report('scenario.idMismatch', ['id'], { id: s.id, name });

  // Names used twice. The first one wins; later ones are reported with the line of the first.
  const unique = (ids: { id: string; path: YamlPath }[]) => {
    const first = new Map<string, YamlPath>();
    for (const { id, path } of ids) {
      const seen = first.get(id);
      if (seen) report('scenario.duplicateId', path, { id, first: loc.at(seen).line });
      else first.set(id, path);
    }
  };
  unique(s.characters.map((c, i) => ({ id: c.id, path: ['characters', i, 'id'] })));
  unique(s.variables.flags.map((f, i) => ({ id: f, path: ['variables', 'flags', i] })));
  unique(s.variables.skills.map((f, i) => ({ id: f, path: ['variables', 'skills', i] })));
  unique(s.nodes.map((n, i) => ({ id: n.id, path: ['nodes', i, 'id'] })));
  s.nodes.forEach((n, i) => unique((n.choices ?? []).map((c, j) => ({ id: c.id, path: ['nodes', i, 'choices', j, 'id'] }))));
  s.characters.forEach((c, i) => {
    if (c.id === PUPIL) report('scenario.reservedCharacter', ['characters', i, 'id'], { name: PUPIL });
  });

  // Text in every language of the pack.
  const langs = [...new Set(languages)];
  for (const { path, text } of textFields(s)) {
    for (const lang of langs) {
      if (text[lang] === undefined) report('scenario.missingText', path, { field: path.join('.'), lang });
    }
  }

  // Characters, skins and variables.
  const characters = new Set(s.characters.map((c) => c.id).filter((id) => id !== PUPIL));
  const flags = new Set(s.variables.flags);
  const skills = new Set(s.variables.skills);
  const allowed = SKIN_SHOWS[s.skin];
  const flag = (value: string, path: YamlPath) => {
    if (!flags.has(value)) report('scenario.unknownFlag', path, { name: value });
  };
  const skill = (value: string, path: YamlPath) => {
    if (!skills.has(value)) report('scenario.unknownSkill', path, { name: value });
  };
  const condition = (c: Condition | undefined, path: YamlPath) => {
    if (!c) return;
    if (!conditionForm(c)) report('scenario.badCondition', path);
    if (c.flag !== undefined) flag(c.flag, [...path, 'flag']);
    if (c.skill !== undefined) skill(c.skill, [...path, 'skill']);
    condition(c.not, [...path, 'not']);
    c.all?.forEach((inner, k) => condition(inner, [...path, 'all', k]));
    c.any?.forEach((inner, k) => condition(inner, [...path, 'any', k]));
  };
  s.nodes.forEach((n, i) => {
    const at = ['nodes', i] as const;
    condition(n.when, [...at, 'when']);
    n.show?.forEach((item, j) => {
      const p = [...at, 'show', j];
      if (!allowed.includes(item.type)) report('scenario.showNotInSkin', [...p, 'type'], { type: item.type, skin: s.skin, allowed: allowed.join(', ') });
      if ('from' in item && item.from !== PUPIL && !characters.has(item.from)) report('scenario.unknownCharacter', [...p, 'from'], { name: item.from });
      if (item.type === 'toggle' && item.flag !== undefined) flag(item.flag, [...p, 'flag']);
      condition(item.when, [...p, 'when']);
    });
    n.choices?.forEach((c, j) => {
      const p = [...at, 'choices', j];
      condition(c.when, [...p, 'when']);
      c.effects?.set?.forEach((f, k) => flag(f, [...p, 'effects', 'set', k]));
      c.effects?.unset?.forEach((f, k) => flag(f, [...p, 'effects', 'unset', k]));
      for (const key of Object.keys(c.effects?.add ?? {})) {
        if (!skills.has(key)) report('scenario.unknownSkill', [...p, 'effects', 'add'], { name: key }, key);
      }
    });
    n.ending?.skills?.forEach((k, j) => skill(k, [...at, 'ending', 'skills', j]));
  });

  // Each node on its own.
  s.nodes.forEach((n, i) => {
    const at = ['nodes', i] as const;
    if (!n.choices && !n.ending) report('scenario.deadEnd', at, { node: n.id });
    if (n.choices && n.ending) report('scenario.choicesAndEnding', at, { node: n.id });
    if (n.ending && n.prompt) report('scenario.promptOnEnding', [...at, 'prompt'], { node: n.id });
    if (n.choices && !n.ending && n.choices.every((c) => c.when)) report('scenario.stuckChoices', [...at, 'choices'], { node: n.id });
    if (n.when && n.otherwise === undefined) report('scenario.whenWithoutOtherwise', [...at, 'when'], { node: n.id });
    if (!n.when && n.otherwise !== undefined) report('scenario.otherwiseWithoutWhen', [...at, 'otherwise'], { node: n.id });
  });

  lintGraph(s, report);
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

type Report = (code: ProblemCode, path: YamlPath, params?: Record<string, string | number>) => void;

/**
 * The graph: targets that do not exist, `otherwise` circles, nodes that
 * cannot be reached, and nodes from which no ending can be reached. One
 * mistake is reported once: a node next to an already reported problem is
 * not blamed for it again.
 */
function lintGraph(s: Scenario, report: Report): void {
  const index = new Map<string, number>();
  s.nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const nodeAt = (id: string): ScenarioNode | undefined => {
    const i = index.get(id);
    return i === undefined ? undefined : s.nodes[i];
  };
  // Later nodes with an ID already used were reported as duplicates; the graph uses the first.
  const nodes = s.nodes.map((n, i) => ({ n, i })).filter(({ n, i }) => index.get(n.id) === i);

  // Targets.
  const dangling = new Set<string>();
  const target = (id: string, path: YamlPath, from?: string) => {
    if (index.has(id)) return;
    report('scenario.danglingNext', path, { target: id });
    if (from !== undefined) dangling.add(from);
  };
  target(s.start, ['start']);
  for (const { n, i } of nodes) {
    n.choices?.forEach((c, j) => target(c.next, ['nodes', i, 'choices', j, 'next'], n.id));
    if (n.otherwise !== undefined) target(n.otherwise, ['nodes', i, 'otherwise'], n.id);
  }

  // `otherwise` circles: if every `when` on the way is false, the pupil would go round forever.
  const inLoop = new Set<string>();
  for (const { n, i } of nodes) {
    if (inLoop.has(n.id)) continue;
    const chain = [n.id];
    let cur = n;
    while (cur.when && cur.otherwise !== undefined) {
      const next = nodeAt(cur.otherwise);
      if (!next) break;
      if (next.id === n.id) {
        for (const id of chain) inLoop.add(id);
        report('scenario.otherwiseLoop', ['nodes', i, 'otherwise'], { node: n.id, path: [...chain, n.id].join(' → ') });
        break;
      }
      if (chain.includes(next.id)) break;
      chain.push(next.id);
      cur = next;
    }
  }

  const edges = (n: ScenarioNode): string[] =>
    [...(n.choices ?? []).map((c) => c.next), ...(n.otherwise !== undefined ? [n.otherwise] : [])].filter((id) => index.has(id));

  // Reachable from the start, whatever the conditions.
  if (!index.has(s.start)) return;
  const reachable = new Set([s.start]);
  const queue = [s.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const next of edges(nodeAt(id) as ScenarioNode)) {
      if (!reachable.has(next)) {
        reachable.add(next);
        queue.push(next);
      }
    }
  }
  for (const { n, i } of nodes) {
    if (!reachable.has(n.id)) report('scenario.unreachable', ['nodes', i], { node: n.id, start: s.start });
  }

  // Nodes that can reach an ending, whatever the conditions. Dead ends and
  // dangling targets were reported already and count as fine here.
  const excused = (n: ScenarioNode) => n.ending !== undefined || !n.choices || dangling.has(n.id);
  const canEnd = new Set(nodes.filter(({ n }) => excused(n)).map(({ n }) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { n } of nodes) {
      if (!canEnd.has(n.id) && edges(n).some((id) => canEnd.has(id))) {
        canEnd.add(n.id);
        grew = true;
      }
    }
  }
  for (const { n, i } of nodes) {
    if (reachable.has(n.id) && !canEnd.has(n.id)) report('scenario.noEnding', ['nodes', i], { node: n.id });
  }

  // Nodes from which the pupil can always get to an ending with choices that
  // have no condition, whichever way the `when` of the nodes on the way go.
  // Where a choice leads: its `next`, or, when that node's `when` is false, its
  // `otherwise`, and so on.
  const arrive = (id: string, seen = new Set<string>()): string[] => {
    const n = nodeAt(id);
    if (!n || seen.has(id)) return [];
    seen.add(id);
    return n.when && n.otherwise !== undefined ? [id, ...arrive(n.otherwise, seen)] : [id];
  };
  const stuck = (n: ScenarioNode) => n.choices !== undefined && n.choices.every((c) => c.when);
  const safe = new Set(nodes.filter(({ n }) => excused(n) || stuck(n) || inLoop.has(n.id)).map(({ n }) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const { n } of nodes) {
      if (safe.has(n.id)) continue;
      if ((n.choices ?? []).some((c) => !c.when && arrive(c.next).every((id) => safe.has(id)))) {
        safe.add(n.id);
        grew = true;
      }
    }
  }
  for (const { n, i } of nodes) {
    if (reachable.has(n.id) && canEnd.has(n.id) && !safe.has(n.id)) report('scenario.trapped', ['nodes', i], { node: n.id });
  }
}
