/** mulberry32: a small seeded generator, so anything "random" can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units of a string: a seed from a name. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The indices 0…n-1 in an order that depends only on `seed` (Fisher–Yates).
 * For two or more, never the order they came in: a shuffled column must not
 * give its answers away by staying as written.
 */
export function seededShuffle(n: number, seed: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const next = seededRandom(seedOf(seed));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  if (n >= 2 && order.every((v, i) => v === i)) order.push(order.shift() as number);
  return order;
}
