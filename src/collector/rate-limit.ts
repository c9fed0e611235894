/** How fast one school may send (all its tokens share the bucket): a bucket of `burst` requests, refilled at `perMinute`. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/** A school sends a handful of batches a day; these leave room for an outbox catching up after weeks offline. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 60, perMinute: 60 };

/** Failed sign-ins (an unknown token, a wrong viewer password) per address: a school's mistakes fit, guessing does not. */
export const FAILED_SIGN_IN_LIMIT: RateLimit = { burst: 20, perMinute: 6 };

/** Token buckets per school, in memory (a restart refills them all). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from the bucket of `id`: 0 when allowed, else the seconds to wait. */
  take(id: string): number {
    const now = this.now();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(id) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.prune(now, perMs);
    this.buckets.set(id, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  /** The seconds before `id` may try again without taking anything: 0 when its bucket has a request left. */
  waitFor(id: string): number {
    const bucket = this.buckets.get(id);
    if (!bucket) return 0;
    const perMs = this.limit.perMinute / 60_000;
    const tokens = Math.min(this.limit.burst, bucket.tokens + (this.now() - bucket.at) * perMs);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  }

  /** Forgets buckets that are full again: they would behave exactly like new ones. */
  private prune(now: number, perMs: number): void {
    for (const [id, b] of this.buckets) {
      if (b.tokens + (now - b.at) * perMs >= this.limit.burst) this.buckets.delete(id);
    }
  }
}
