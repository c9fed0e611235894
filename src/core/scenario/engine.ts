import {
  conditionForm,
  type Choice,
  type Condition,
  type Effects,
  type Ending,
  type LocalText,
  type Outcome,
  type Scenario,
  type ScenarioNode,
  type ShowItem,
} from './schema';

/**
 * Plays a scenario. Pure and immutable: every function takes a state and
 * returns a new frozen one, so a state can be stored, compared, or replayed.
 * Meant for scenarios that lint.ts accepted; anything else throws a
 * ScenarioError instead of guessing.
 */

/** One decision of the pupil: at node `nodeId` they picked `choiceId`, at time `at` (ms) if given. */
export interface Decision {
  readonly nodeId: string;
  readonly choiceId: string;
  readonly at?: number;
}

export interface ScenarioState {
  readonly scenarioId: string;
  /** The node the pupil is at, after any `when`/`otherwise` routing. */
  readonly node: string;
  /** Flags that are set, sorted. */
  readonly flags: readonly string[];
  /** Every declared skill with its score; scores start at 0. */
  readonly skills: Readonly<Record<string, number>>;
  /** Decisions so far, oldest first. */
  readonly path: readonly Decision[];
}

export type ScenarioErrorCode =
  | 'wrongScenario'
  | 'unknownNode'
  | 'unknownChoice'
  | 'hiddenChoice'
  | 'ended'
  | 'otherwiseLoop'
  | 'noOtherwise'
  | 'badCondition'
  | 'badStep';

export class ScenarioError extends Error {
  readonly code: ScenarioErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  constructor(code: ScenarioErrorCode, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ScenarioError';
    this.code = code;
    this.params = params;
  }
}

const indexes = new WeakMap<Scenario, Map<string, ScenarioNode>>();

function nodeById(scenario: Scenario, id: string): ScenarioNode {
  let index = indexes.get(scenario);
  if (!index) {
    index = new Map();
    for (const n of scenario.nodes) if (!index.has(n.id)) index.set(n.id, n);
    indexes.set(scenario, index);
  }
  const node = index.get(id);
  if (!node) throw new ScenarioError('unknownNode', { node: id });
  return node;
}

function freeze(state: ScenarioState): ScenarioState {
  return Object.freeze({
    ...state,
    flags: Object.freeze([...state.flags]),
    skills: Object.freeze({ ...state.skills }),
    path: Object.freeze(state.path.map((d) => Object.freeze({ ...d }))),
  });
}

/** Whether a condition holds in a state. */
export function conditionHolds(condition: Condition, state: Pick<ScenarioState, 'flags' | 'skills'>): boolean {
  const form = conditionForm(condition);
  if (!form) throw new ScenarioError('badCondition');
  switch (form.kind) {
    case 'flag':
      return state.flags.includes(form.flag);
    case 'not':
      return !conditionHolds(form.inner, state);
    case 'all':
      return form.inner.every((c) => conditionHolds(c, state));
    case 'any':
      return form.inner.some((c) => conditionHolds(c, state));
    case 'skill': {
      const score = state.skills[form.skill] ?? 0;
      return (form.atLeast === undefined || score >= form.atLeast) && (form.below === undefined || score < form.below);
    }
  }
}

/**
 * Enters a node: while the node has a `when` that is false, goes on to its
 * `otherwise`. Returns the node where the pupil comes to rest.
 */
function enter(scenario: Scenario, nodeId: string, state: Pick<ScenarioState, 'flags' | 'skills'>): string {
  let id = nodeId;
  for (let hops = 0; hops <= scenario.nodes.length; hops++) {
    const node = nodeById(scenario, id);
    if (!node.when || conditionHolds(node.when, state)) return id;
    if (node.otherwise === undefined) throw new ScenarioError('noOtherwise', { node: id });
    id = node.otherwise;
  }
  throw new ScenarioError('otherwiseLoop', { node: nodeId });
}

/** The state at the start: no flags, every skill at 0, at the start node (after its `when`/`otherwise`). */
export function startScenario(scenario: Scenario): ScenarioState {
  const skills: Record<string, number> = {};
  for (const s of scenario.variables.skills) skills[s] = 0;
  const blank = { flags: [] as string[], skills };
  return freeze({ scenarioId: scenario.id, node: enter(scenario, scenario.start, blank), ...blank, path: [] });
}

function check(scenario: Scenario, state: ScenarioState): ScenarioNode {
  if (state.scenarioId !== scenario.id) throw new ScenarioError('wrongScenario', { scenario: scenario.id, state: state.scenarioId });
  return nodeById(scenario, state.node);
}

/** The node the pupil is at. */
export function currentNode(scenario: Scenario, state: ScenarioState): ScenarioNode {
  return check(scenario, state);
}

/** What the skin shows at the current node: items whose `when` holds, toggles with `on` resolved from their flag. */
export function visibleShow(scenario: Scenario, state: ScenarioState): ShowItem[] {
  const node = check(scenario, state);
  return (node.show ?? [])
    .filter((item) => !item.when || conditionHolds(item.when, state))
    .map((item) => (item.type === 'toggle' ? { ...item, on: item.flag !== undefined ? state.flags.includes(item.flag) : (item.on ?? false) } : item));
}

/** The choices offered now, in file order: those whose `when` holds. None at an ending. */
export function visibleChoices(scenario: Scenario, state: ScenarioState): Choice[] {
  const node = check(scenario, state);
  return (node.choices ?? []).filter((c) => !c.when || conditionHolds(c.when, state));
}

function applyEffects(effects: Effects | undefined, flags: readonly string[], skills: Readonly<Record<string, number>>) {
  const nextFlags = new Set(flags);
  const nextSkills = { ...skills };
  for (const f of effects?.unset ?? []) nextFlags.delete(f);
  for (const f of effects?.set ?? []) nextFlags.add(f);
  for (const [skill, points] of Object.entries(effects?.add ?? {})) nextSkills[skill] = (nextSkills[skill] ?? 0) + points;
  return { flags: [...nextFlags].sort(), skills: nextSkills };
}

/**
 * The pupil picks a choice: its effects apply (unset, then set, then add),
 * then the pupil moves to `next`, following `when`/`otherwise`. Throws a
 * ScenarioError for an unknown or hidden choice, or at an ending.
 */
export function choose(scenario: Scenario, state: ScenarioState, choiceId: string, at?: number): ScenarioState {
  const node = check(scenario, state);
  if (node.ending) throw new ScenarioError('ended', { node: node.id });
  const choice = node.choices?.find((c) => c.id === choiceId);
  if (!choice) throw new ScenarioError('unknownChoice', { node: node.id, choice: choiceId });
  if (choice.when && !conditionHolds(choice.when, state)) throw new ScenarioError('hiddenChoice', { node: node.id, choice: choiceId });
  const changed = applyEffects(choice.effects, state.flags, state.skills);
  const decision: Decision = at === undefined ? { nodeId: node.id, choiceId } : { nodeId: node.id, choiceId, at };
  return freeze({ scenarioId: state.scenarioId, node: enter(scenario, choice.next, changed), ...changed, path: [...state.path, decision] });
}

export function isEnded(scenario: Scenario, state: ScenarioState): boolean {
  return check(scenario, state).ending !== undefined;
}

/** The ending the pupil reached, or undefined while the scenario goes on. */
export function ending(scenario: Scenario, state: ScenarioState): Ending | undefined {
  return check(scenario, state).ending;
}

/** Plays stored decisions from the start, for example to restore a pupil's session. Throws if one no longer fits. */
export function replay(scenario: Scenario, decisions: readonly Decision[]): ScenarioState {
  let state = startScenario(scenario);
  for (const d of decisions) {
    if (d.nodeId !== state.node) throw new ScenarioError('badStep', { expected: state.node, node: d.nodeId });
    state = choose(scenario, state, d.choiceId, d.at);
  }
  return state;
}

/** The state just before decision `stepIndex` (0-based), so the pupil can try another option there. */
export function replayFrom(scenario: Scenario, state: ScenarioState, stepIndex: number): ScenarioState {
  check(scenario, state);
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex > state.path.length) {
    throw new ScenarioError('badStep', { step: stepIndex, steps: state.path.length });
  }
  return replay(scenario, state.path.slice(0, stepIndex));
}

export interface StepSummary {
  index: number;
  nodeId: string;
  choiceId: string;
  at?: number;
  /** The question asked at that node, if any. */
  prompt?: LocalText;
  label: LocalText;
  feedback?: LocalText;
  /** How safe the choice was, if the author said so. */
  outcome?: Outcome;
  /** Skill points the choice gave or took. */
  skills: Record<string, number>;
}

export interface ScenarioSummary {
  scenarioId: string;
  ended: boolean;
  /** Where the pupil is: the ending node once ended. */
  node: string;
  outcome?: Outcome;
  title?: LocalText;
  debrief?: LocalText;
  /** The ending's `skills`; without them, skills the path added points to. */
  skillsPractised: string[];
  /** Final score of every declared skill. */
  skills: Record<string, number>;
  flags: string[];
  steps: StepSummary[];
}

/** Everything the debrief shows: each decision with its label and feedback, final skills, the outcome. */
export function summary(scenario: Scenario, state: ScenarioState): ScenarioSummary {
  const node = check(scenario, state);
  const steps = state.path.map((d, index): StepSummary => {
    const at = nodeById(scenario, d.nodeId);
    const choice = at.choices?.find((c) => c.id === d.choiceId);
    if (!choice) throw new ScenarioError('unknownChoice', { node: d.nodeId, choice: d.choiceId });
    const step: StepSummary = { index, nodeId: d.nodeId, choiceId: d.choiceId, label: choice.label, skills: { ...choice.effects?.add } };
    if (d.at !== undefined) step.at = d.at;
    if (at.prompt) step.prompt = at.prompt;
    if (choice.feedback) step.feedback = choice.feedback;
    if (choice.outcome) step.outcome = choice.outcome;
    return step;
  });
  const practised =
    node.ending?.skills ??
    scenario.variables.skills.filter((s) => steps.some((step) => (step.skills[s] ?? 0) > 0));
  const result: ScenarioSummary = {
    scenarioId: scenario.id,
    ended: node.ending !== undefined,
    node: node.id,
    skillsPractised: [...practised],
    skills: { ...state.skills },
    flags: [...state.flags],
    steps,
  };
  if (node.ending) {
    result.outcome = node.ending.outcome;
    result.debrief = node.ending.debrief;
    if (node.ending.title) result.title = node.ending.title;
  }
  return result;
}

/**
 * A state at any node, for authors previewing their work: no decisions,
 * no flags, every skill at 0. Follows the node's `when`/`otherwise` like a
 * pupil arriving there would.
 */
export function startAt(scenario: Scenario, nodeId: string): ScenarioState {
  const start = startScenario(scenario);
  return freeze({ ...start, node: enter(scenario, nodeId, start) });
}

/** What one visited node showed, as the pupil saw it then. */
export interface Screen {
  readonly nodeId: string;
  readonly items: readonly ShowItem[];
}

/**
 * Every screen of a play so far, oldest first, the current node last: chat-like
 * skins show the conversation so far, not only its latest messages. Replays
 * the path, so each screen shows what its conditions allowed at that moment.
 */
export function transcript(scenario: Scenario, state: ScenarioState): Screen[] {
  check(scenario, state);
  const screens: Screen[] = [];
  let at = startScenario(scenario);
  if (state.path.length > 0 && state.path[0]?.nodeId !== at.node) {
    // A preview that started elsewhere: only the current screen is known.
    return [{ nodeId: state.node, items: visibleShow(scenario, state) }];
  }
  for (const d of state.path) {
    screens.push({ nodeId: at.node, items: visibleShow(scenario, at) });
    at = choose(scenario, at, d.choiceId, d.at);
  }
  screens.push({ nodeId: state.node, items: visibleShow(scenario, state) });
  return screens;
}

/** The choices that were on offer at each decision of the path, for charts of the class's votes. */
export function offeredChoices(scenario: Scenario, state: ScenarioState): Choice[][] {
  check(scenario, state);
  const offered: Choice[][] = [];
  let at = startScenario(scenario);
  for (const d of state.path) {
    if (d.nodeId !== at.node) return offered;
    offered.push(visibleChoices(scenario, at));
    at = choose(scenario, at, d.choiceId, d.at);
  }
  return offered;
}
