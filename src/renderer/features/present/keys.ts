/** What a key does while a lesson is presented. */
export type PresentAction = 'next' | 'previous' | 'first' | 'last' | 'black' | 'notes' | 'timer' | 'exit';

const BY_KEY: Record<string, PresentAction> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  Enter: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Backspace: 'previous',
  Home: 'first',
  End: 'last',
  Escape: 'exit',
  b: 'black',
  B: 'black',
  '.': 'black',
  n: 'notes',
  N: 'notes',
  t: 'timer',
  T: 'timer',
};

/** The same letters on a Kazakh or Russian keyboard layout (и, т, е, ю), by the key's position. */
const BY_CODE: Record<string, PresentAction> = { KeyB: 'black', Period: 'black', KeyN: 'notes', KeyT: 'timer' };

/**
 * The action of a key press: the keyboard, and presentation clickers, which
 * send PageDown/PageUp, and `.` or `b` for a black screen. Shortcuts with
 * Ctrl, Alt or Meta are left to the browser.
 */
export function presentAction(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>): PresentAction | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey) return undefined;
  if (e.key === ' ' && e.shiftKey) return 'previous';
  return BY_KEY[e.key] ?? BY_CODE[e.code];
}

/** Keys shown beside each control, and given to it as aria-keyshortcuts. */
export const SHORTCUTS: Record<PresentAction, string> = {
  next: 'ArrowRight PageDown Space',
  previous: 'ArrowLeft PageUp',
  first: 'Home',
  last: 'End',
  black: 'B',
  notes: 'N',
  timer: 'T',
  exit: 'Escape',
};
