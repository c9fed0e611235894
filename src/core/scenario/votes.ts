/**
 * Class mode: the teacher enters how many pupils chose each option. These
 * rules decide what "follow the majority" means and what the chart shows.
 */

/** Votes per choice ID. Missing choices count as 0. */
export type Votes = Readonly<Record<string, number>>;

/** The largest count a teacher can enter for one option: more than any class. */
export const MAX_VOTES = 999;

/** A count as typed by the teacher: a whole number from 0 to MAX_VOTES, or undefined when it is not one. */
export function parseVoteCount(input: string): number | undefined {
  const text = input.trim();
  if (text === '') return 0;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return Number(text);
}

export function totalVotes(votes: Votes): number {
  return Object.values(votes).reduce((sum, n) => sum + n, 0);
}

/**
 * The choice with the most votes among `choiceIds`, or undefined when nobody
 * voted or the top is a tie: then the teacher decides.
 */
export function majority(votes: Votes, choiceIds: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  let tied = false;
  for (const id of choiceIds) {
    const n = votes[id] ?? 0;
    if (n > bestCount) {
      best = id;
      bestCount = n;
      tied = false;
    } else if (n === bestCount && n > 0) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** Whole-number percentages per choice that add up to 100 (largest remainder), or all 0 when nobody voted. */
export function voteShares(votes: Votes, choiceIds: readonly string[]): Record<string, number> {
  const total = choiceIds.reduce((sum, id) => sum + (votes[id] ?? 0), 0);
  const shares: Record<string, number> = {};
  if (total === 0) {
    for (const id of choiceIds) shares[id] = 0;
    return shares;
  }
  const exact = choiceIds.map((id) => ({ id, value: ((votes[id] ?? 0) * 100) / total }));
  for (const e of exact) shares[e.id] = Math.floor(e.value);
  let left = 100 - Object.values(shares).reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)));
  for (const e of byRemainder) {
    if (left <= 0) break;
    shares[e.id] = (shares[e.id] ?? 0) + 1;
    left--;
  }
  return shares;
}
