import type { Lang } from '../../../../core/languages';
import { PUPIL, textIn, type LocalText, type Role, type Scenario, type ShowItem } from '../../../../core/scenario/schema';

/**
 * What every skin gets. A skin draws an app look-alike from scenario text:
 * always as text (never HTML), and addresses and URLs are never links.
 */
export interface SkinProps {
  scenario: Scenario;
  lang: Lang;
  /** What the current node shows, in order. */
  items: readonly ShowItem[];
  /** What earlier screens of this play showed, oldest first: chat-like skins keep the conversation. */
  earlier: readonly ShowItem[];
  /** The current node; changes at every step. */
  nodeId: string;
  /** The pupil's own name as the skin shows it ("You"), in the interface language. */
  you: string;
}

/** A character's name in the scenario's language; the pupil's own items show `you`. */
export function speaker(scenario: Scenario, from: string, lang: Lang, you: string): string {
  if (from === PUPIL) return you;
  const who = scenario.characters.find((c) => c.id === from);
  return who ? textIn(who.name, lang) : from;
}

export function isPupil(from: string): boolean {
  return from === PUPIL;
}

/** The role of a character, for avatars and badges. */
export function roleOf(scenario: Scenario, from: string): string {
  if (from === PUPIL) return 'me';
  return scenario.characters.find((c) => c.id === from)?.role ?? 'stranger';
}

/** Initials for an avatar circle: first letters of up to two words. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('');
}

export function text(value: LocalText | undefined, lang: Lang): string {
  return value ? textIn(value, lang) : '';
}

type Item<T extends ShowItem['type']> = Extract<ShowItem, { type: T }>;
export type ScreenItem = Item<'screen'>;
export type PopupItem = Item<'popup'>;
export type ToggleItem = Item<'toggle'>;
export type PostItem = Item<'post'>;
export type CommentItem = Item<'comment'>;

/** A role for avatars and name colours: the characters' roles, and `me` for the pupil. */
export type AvatarRole = Role | 'me';

export function avatarRole(scenario: Scenario, from: string): AvatarRole {
  return roleOf(scenario, from) as AvatarRole;
}

/** Items said by someone: the ones a chat draws as a bubble or line. */
const SPOKEN = new Set<ShowItem['type']>(['message', 'photo-request']);

/**
 * The screen that names a chat or a game: the first `screen` with a title
 * shown before anyone says anything ("Class 7B · 28 members",
 * "Steppe Battle · Victory!"). Chat skins put its title in their header and
 * show only its text in the conversation.
 */
export function headerScreen(all: readonly ShowItem[]): ScreenItem | undefined {
  for (const item of all) {
    if (SPOKEN.has(item.type)) return undefined;
    if (item.type === 'screen' && item.title) return item;
  }
  return undefined;
}

/** Who takes part in a chat, in order of first appearance, without the pupil. */
export function participants(all: readonly ShowItem[]): string[] {
  const seen: string[] = [];
  for (const item of all) {
    if ('from' in item && item.from !== PUPIL && !seen.includes(item.from)) seen.push(item.from);
  }
  return seen;
}

/** One line of a chat as a skin draws it. */
export interface ChatEntry {
  item: ShowItem;
  /** Stable within one list: position in it. */
  key: number;
  /** First of a run of messages by the same person: the name and avatar show here only. */
  first: boolean;
}

/**
 * The lines of a chat. A `typing` line is left out once the same person's
 * message follows it in the same list, and in `earlier` altogether: in a
 * chat app "… is typing" disappears when the message arrives.
 */
export function chatEntries(list: readonly ShowItem[], current: boolean): ChatEntry[] {
  const out: ChatEntry[] = [];
  let previous: string | undefined;
  list.forEach((item, key) => {
    if (item.type === 'typing') {
      const answered = list.slice(key + 1).some((later) => SPOKEN.has(later.type) && 'from' in later && later.from === item.from);
      if (!current || answered) return;
    }
    const speaker = SPOKEN.has(item.type) && 'from' in item ? item.from : undefined;
    out.push({ item, key, first: speaker === undefined || speaker !== previous });
    previous = speaker;
  });
  return out;
}

/** A post with the comments under it, or a comment that came before any post. */
export interface FeedThread {
  post?: { item: PostItem; isNew: boolean };
  comments: { item: CommentItem; isNew: boolean }[];
}

/** Any other block of a feed, in order: screens, photo requests, pop-ups. */
export interface FeedBlock {
  kind: 'thread' | 'item';
  thread?: FeedThread;
  item?: ShowItem;
  isNew: boolean;
}

/**
 * A feed built from everything shown so far: each comment goes under the
 * post before it (even when it arrived at a later screen), other items
 * follow in order. Pop-ups of earlier screens are left out: like toasts,
 * they are gone once the pupil moves on.
 */
export function feedBlocks(earlier: readonly ShowItem[], items: readonly ShowItem[]): FeedBlock[] {
  const blocks: FeedBlock[] = [];
  let thread: FeedThread | undefined;
  const add = (item: ShowItem, isNew: boolean) => {
    if (item.type === 'post') {
      thread = { post: { item, isNew }, comments: [] };
      blocks.push({ kind: 'thread', thread, isNew });
    } else if (item.type === 'comment') {
      if (!thread) {
        thread = { comments: [] };
        blocks.push({ kind: 'thread', thread, isNew });
      }
      thread.comments.push({ item, isNew });
    } else if (item.type !== 'popup' || isNew) {
      blocks.push({ kind: 'item', item, isNew });
    }
  };
  for (const item of earlier) add(item, false);
  for (const item of items) add(item, true);
  return blocks;
}

/** The first address shown on a screen, newest screen first: what a browser's address bar shows. */
export function currentUrl(items: readonly ShowItem[], earlier: readonly ShowItem[] = []): string | undefined {
  const find = (list: readonly ShowItem[]) => list.find((i): i is ScreenItem => i.type === 'screen' && i.url !== undefined)?.url;
  return find(items) ?? [...earlier].reverse().find((i): i is ScreenItem => i.type === 'screen' && i.url !== undefined)?.url;
}

/** Whether an address is shown without encryption (`http://`), as browsers say "Not secure". */
export function isInsecure(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}

/** The runs of consecutive items of one kind, for skins that group toggles or text messages. */
export function runs<T>(list: readonly T[], same: (a: T, b: T) => boolean): T[][] {
  const out: T[][] = [];
  for (const item of list) {
    const last = out.at(-1);
    const previous = last?.at(-1);
    if (last && previous !== undefined && same(previous, item)) last.push(item);
    else out.push([item]);
  }
  return out;
}
