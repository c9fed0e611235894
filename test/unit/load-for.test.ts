/** A screen's data follows its route: late answers for an old route never reach the screen, and what was shown is closed. */
import { describe, expect, it } from 'vitest';
import { loadFor } from '../../src/renderer/lib/load';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('loading for a route', () => {
  it('an answer for a route the screen has left is dropped and closed; the current one is shown, then closed when the screen leaves', async () => {
    const shown: (string | null)[] = [];
    const closed: string[] = [];
    const leaveFirst = loadFor(() => later('lesson A', 20), (v) => shown.push(v), (v) => closed.push(v));
    leaveFirst(); // the teacher opened another lesson before A arrived
    const leaveSecond = loadFor(() => later('lesson B', 5), (v) => shown.push(v), (v) => closed.push(v));
    await later(null, 40);
    expect(shown).toEqual(['lesson B']);
    expect(closed).toEqual(['lesson A']);
    leaveSecond();
    expect(closed).toEqual(['lesson A', 'lesson B']);
  });

  it('nothing found is shown as null, and there is nothing to close', async () => {
    const shown: (string | null)[] = [];
    const leave = loadFor<string>(() => later(undefined, 1), (v) => shown.push(v), () => expect.unreachable());
    await later(null, 10);
    expect(shown).toEqual([null]);
    leave();
  });
});
