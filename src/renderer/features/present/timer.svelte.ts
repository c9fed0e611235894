/**
 * An activity's timer: counts down from the activity's minutes, or up from
 * zero when the lesson gives none. Time is kept as timestamps, so a timer
 * keeps running while the class looks at another slide.
 */
export class ActivityTimer {
  readonly minutes: number | undefined;
  #elapsed = $state(0);
  #since = $state<number | null>(null);

  constructor(minutes?: number) {
    this.minutes = minutes;
  }

  get running(): boolean {
    return this.#since !== null;
  }

  get started(): boolean {
    return this.#since !== null || this.#elapsed > 0;
  }

  elapsed(now: number): number {
    return this.#elapsed + (this.#since === null ? 0 : Math.max(0, now - this.#since));
  }

  /** What the timer shows at `now`: the time left (or over) for a countdown, the time taken otherwise. */
  reading(now: number): { ms: number; countdown: boolean; timeUp: boolean } {
    const elapsed = this.elapsed(now);
    if (this.minutes === undefined) return { ms: elapsed, countdown: false, timeUp: false };
    const left = this.minutes * 60_000 - elapsed;
    return { ms: left > 0 ? left : -left, countdown: true, timeUp: left <= 0 };
  }

  toggle(now = Date.now()): void {
    if (this.#since === null) {
      this.#since = now;
    } else {
      this.#elapsed += Math.max(0, now - this.#since);
      this.#since = null;
    }
  }

  reset(): void {
    this.#elapsed = 0;
    this.#since = null;
  }
}

/** `m:ss`, or `h:mm:ss` from an hour; a countdown rounds up, so it shows 5:00 at the start and 0:00 only at the end. */
export function formatClock(ms: number, roundUp = false): string {
  const total = roundUp ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
