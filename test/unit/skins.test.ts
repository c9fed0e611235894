/** The skins' pure helpers: avatar initials, chat and feed layout, the address bar's warning. */
import { expect, it } from 'vitest';
import { initials, chatEntries, feedBlocks, isInsecure, runs } from '../../src/core/scenario/skin';
it('avatar initials take the first letters of two words, skipping quotes and brackets', () => {
  expect(initials('Призы «Космических батыров»')).toBe('ПК');
  expect(initials('Гүлнар Серікқызы (сынып жетекшісі)')).toBe('ГС');
  expect(initials('Batyr_Pro')).toBe('B');
  expect(initials('«Мега Сыйлық» командасы')).toBe('МС');
  expect(initials('ådam')).toBe('Å');
});
it('"is typing" shows only on the current screen and stops once that person writes', () => {
  const list = [{ type: 'typing', from: 'a' }, { type: 'message', from: 'a', text: { en: 'x' } }, { type: 'typing', from: 'b' }] as never[];
  expect(chatEntries(list, true).map((e) => [e.key, e.live])).toEqual([[0, false], [1, false], [2, true]]);
  expect(chatEntries(list, false).map((e) => e.key)).toEqual([1]);
});
it('comments join the post before them, new ones marked; earlier pop-ups are dropped', () => {
  const e = [{ type: 'post', from: 'a', text: {} }, { type: 'comment', from: 'b', text: {} }, { type: 'popup', text: {} }] as never[];
  const i = [{ type: 'popup', text: {} }, { type: 'comment', from: 'c', text: {} }] as never[];
  const b = feedBlocks(e, i);
  expect(b.map((x) => x.kind)).toEqual(['thread', 'item']);
  expect(b[0]?.kind === 'thread' && b[0].thread.comments.map((c) => c.isNew)).toEqual([false, true]);
  expect(feedBlocks([], i).map((x) => x.isNew)).toEqual([false, false]);
  expect(isInsecure('http://a.example')).toBe(true);
  expect(runs([1, 1, 2, 1], (a, b) => a === b)).toEqual([[1, 1], [2], [1]]);
});
