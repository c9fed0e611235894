import type { Audience } from '../../../core/markdown/render';

const KEY = 'qorgau.reader';
export const SCALES = [1, 1.25, 1.5, 1.75, 2, 2.5] as const;

function load(): { scale: number; audience: Audience } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { scale?: number; audience?: string };
    return {
      scale: SCALES.includes(saved.scale as (typeof SCALES)[number]) ? (saved.scale as number) : 1,
      audience: saved.audience === 'teacher' ? 'teacher' : 'pupil',
    };
  } catch {
    return { scale: 1, audience: 'pupil' };
  }
}

/** How this PC reads lessons: text size and pupil or teacher view, remembered between starts. */
export const readerPrefs = $state(load());

$effect.root(() => {
  $effect(() => {
    localStorage.setItem(KEY, JSON.stringify({ scale: readerPrefs.scale, audience: readerPrefs.audience }));
  });
});

export function stepScale(direction: 1 | -1): void {
  const i = SCALES.indexOf(readerPrefs.scale as (typeof SCALES)[number]);
  const next = SCALES[Math.max(0, Math.min(SCALES.length - 1, (i === -1 ? 0 : i) + direction))];
  if (next !== undefined) readerPrefs.scale = next;
}
