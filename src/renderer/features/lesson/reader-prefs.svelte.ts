import type { Audience } from '../../../core/markdown/render';
import { preferences, READER_SCALES } from '../../lib/preferences';

export const SCALES = READER_SCALES;

/** How this PC reads lessons: text size and pupil or teacher view, remembered between starts. */
export const readerPrefs = $state<{ scale: number; audience: Audience }>(preferences.reader.get());

$effect.root(() => {
  $effect(() => {
    preferences.reader.set({ scale: readerPrefs.scale, audience: readerPrefs.audience });
  });
});

export function stepScale(direction: 1 | -1): void {
  const i = SCALES.indexOf(readerPrefs.scale as (typeof SCALES)[number]);
  const next = SCALES[Math.max(0, Math.min(SCALES.length - 1, (i === -1 ? 0 : i) + direction))];
  if (next !== undefined) readerPrefs.scale = next;
}
