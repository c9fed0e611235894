import type { Lang } from '../../../core/base/languages';
import {
  choose,
  isEnded,
  replayFrom,
  startScenario,
  summary,
  transcript,
  visibleChoices,
  type ScenarioState,
} from '../../../core/scenario/engine';
import type { Choice, Scenario } from '../../../core/scenario/schema';
import type { Votes } from '../../../core/scenario/votes';
import type { PlayMode } from '../../lib/route.svelte';
import type { PlayRecorder } from './records';

/** The choice just made, shown with its feedback before the story goes on. */
export interface Picked {
  choice: Choice;
  /** Everything that was on offer, for the chart of the class's votes. */
  offered: readonly Choice[];
  votes?: Votes;
}

/**
 * One play of a scenario on screen: the engine's state, the feedback step
 * after each choice, the class's votes, and storage of every decision.
 */
export class Play {
  state = $state.raw<ScenarioState>() as ScenarioState;
  /** Set between a choice and "Continue", while its feedback is shown. */
  picked = $state.raw<Picked | null>(null);
  /** Class mode: the votes of each decision on the path, by step. */
  votes = $state.raw<(Votes | undefined)[]>([]);
  /** A decision could not be stored (for example, a full disk). Play goes on; the pupil is told. */
  saveFailed = $state(false);
  /** Set once the pupil has chosen or gone back: from then on, each new question takes the keyboard focus. */
  moved = $state(false);

  readonly screens = $derived.by(() => transcript(this.scenario, this.state));
  readonly choices = $derived.by(() => visibleChoices(this.scenario, this.state));
  readonly ended = $derived.by(() => isEnded(this.scenario, this.state));
  readonly result = $derived.by(() => summary(this.scenario, this.state));

  /** The stored play, created at the first decision so that merely opening a scenario stores nothing. */
  private playId: Promise<string | undefined> | null = null;
  /** After a replay: the play it came from and the step it starts again at, for the next stored play. */
  private replayOf: { playId: Promise<string | undefined>; step: number } | null = null;
  private shownAt = performance.now();

  constructor(
    readonly scenario: Scenario,
    readonly lang: Lang,
    readonly mode: PlayMode,
    private readonly recorder?: PlayRecorder,
    initial?: ScenarioState,
  ) {
    this.state = initial ?? startScenario(scenario);
  }

  /** The pupil (or the class) picks a choice. */
  choose(choiceId: string, votes?: Votes): void {
    if (this.picked) return;
    const offered = this.choices;
    const choice = offered.find((c) => c.id === choiceId);
    if (!choice) return;
    this.moved = true;
    const step = this.state.path.length;
    const nodeId = this.state.node;
    const ms = performance.now() - this.shownAt;
    this.state = choose(this.scenario, this.state, choiceId, Date.now());
    this.votes = [...this.votes.slice(0, step), votes];
    this.picked = votes ? { choice, offered, votes } : { choice, offered };
    const recorder = this.recorder;
    if (recorder) {
      const ended = this.ended;
      const result = this.result;
      // Writes are chained: a decision is stored after its play, the ending after the last decision.
      this.playId = this.startPlay(recorder).then(async (playId) => {
        if (!playId) return playId;
        await this.store(() => recorder.decide(playId, step, nodeId, choiceId, ms, votes));
        if (ended) await this.store(() => recorder.finish(playId, result));
        return playId;
      });
    }
    if (!choice.feedback) this.next();
  }

  /** After the feedback: on to the next screen (or the debrief). */
  next(): void {
    this.picked = null;
    this.shownAt = performance.now();
  }

  /** Goes back to just before decision `step` to try another option there: a new play that remembers the old. */
  replayFrom(step: number): void {
    this.moved = true;
    if (this.playId) this.replayOf = { playId: this.playId, step };
    this.playId = null;
    this.state = replayFrom(this.scenario, this.state, step);
    this.votes = this.votes.slice(0, step);
    this.picked = null;
    this.shownAt = performance.now();
  }

  private startPlay(recorder: PlayRecorder): Promise<string | undefined> {
    if (this.playId) return this.playId;
    const from = this.replayOf;
    this.replayOf = null;
    return (from?.playId ?? Promise.resolve(undefined)).then((previous) =>
      this.store(() => recorder.start(previous && from ? { playId: previous, step: from.step } : undefined)),
    );
  }

  private async store<T>(write: () => Promise<T> | undefined): Promise<T | undefined> {
    try {
      return await write();
    } catch {
      this.saveFailed = true;
      return undefined;
    }
  }
}
