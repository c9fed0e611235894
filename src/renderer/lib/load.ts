/**
 * Loads what a screen shows for its current route, inside an `$effect`:
 * `$effect(() => loadFor(() => openLesson(…), (l) => (lesson = l), (l) => l.close()))`.
 * An answer that arrives after the route changed is dropped (and closed),
 * and what was shown is closed when the route changes or the screen leaves.
 * The route is read while `load` starts, so the effect follows it.
 */
export function loadFor<T>(load: () => Promise<T | null | undefined>, show: (value: T | null) => void, close?: (value: T) => void): () => void {
  let current: T | undefined;
  let stale = false;
  void load().then((value) => {
    if (stale) {
      if (value) close?.(value);
      return;
    }
    current = value ?? undefined;
    show(value ?? null);
  });
  return () => {
    stale = true;
    if (current !== undefined) close?.(current);
  };
}
