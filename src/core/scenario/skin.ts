import type { Lang } from '../base/languages';
import { PUPIL, textIn, type LocalText, type Role, type Scenario, type ShowItem } from './schema';

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

/** A role for avatars and name colours: the characters' roles, and `me` for the pupil. */
export type AvatarRole = Role | 'me';

/** The role of a character, for avatars and badges. */
export function roleOf(scenario: Scenario, from: string): AvatarRole {
  if (from === PUPIL) return 'me';
  return scenario.characters.find((c) => c.id === from)?.role ?? 'stranger';
}

/** Who says a line of a chat: the name the skin shows, the role that colours it, and whether it is the pupil; a line nobody says is the system's. */
export function lineSpeaker(scenario: Scenario, item: ShowItem, lang: Lang, you: string): { name: string; role: AvatarRole | 'system'; mine: boolean } {
  const from = 'from' in item ? item.from : undefined;
  if (from === undefined) return { name: '', role: 'system', mine: false };
  return { name: speaker(scenario, from, lang, you), role: roleOf(scenario, from), mine: isPupil(from) };
}

/** Initials for an avatar circle: first letters (or digits) of up to two words; quotes and brackets are skipped. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => /[\p{L}\p{N}]/u.exec(w)?.[0] ?? '')
    .filter(Boolean)
    .slice(0, 2)
    .map((c) => c.toUpperCase())
    .join('');
}

export function text(value: LocalText | undefined, lang: Lang): string {
  return value ? textIn(value, lang) : '';
}

/** The show item of one type. */
export type ShowItemOf<T extends ShowItem['type']> = Extract<ShowItem, { type: T }>;
export type ScreenItem = ShowItemOf<'screen'>;
export type PopupItem = ShowItemOf<'popup'>;
export type ToggleItem = ShowItemOf<'toggle'>;
export type PostItem = ShowItemOf<'post'>;
export type CommentItem = ShowItemOf<'comment'>;

/** Items said by someone: the ones a chat draws as a bubble or line. */
const SPOKEN = new Set<ShowItem['type']>(['message', 'photo-request']);

/**
 * The screen that names a chat or a game: on the scenario's first screen,
 * the first `screen` with a title shown before anyone says anything
 * ("Class 7B · 28 members", "Steppe Battle · Victory!"). Taken from the
 * start node itself, so the name stays the same at every step and at the
 * ending. Chat skins put its title in their header and show only its text
 * in the conversation.
 */
export function headerScreen(scenario: Scenario, lang: Lang): ScreenItem | undefined {
  const start = scenario.nodes.find((n) => n.id === scenario.start);
  for (const item of start?.show ?? []) {
    if (item.when) continue;
    if (SPOKEN.has(item.type)) return undefined;
    if (item.type === 'screen' && item.title && !isPersonScreen(scenario, item, lang)) return item;
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
  /** A "… is typing" whose message has not arrived yet on this screen: its dots move. */
  live: boolean;
}

/**
 * The lines of a chat. "… is typing" shows only on the current screen
 * (`current`), where the author put it; it is `live` until the same
 * person's message follows it. In `earlier` it is left out, as chat apps
 * drop it once the message has arrived.
 */
export function chatEntries(list: readonly ShowItem[], current: boolean): ChatEntry[] {
  const out: ChatEntry[] = [];
  let previous: string | undefined;
  list.forEach((item, key) => {
    let live = false;
    if (item.type === 'typing') {
      if (!current) return;
      live = !list.slice(key + 1).some((later) => SPOKEN.has(later.type) && 'from' in later && later.from === item.from);
    }
    const speaker = SPOKEN.has(item.type) && 'from' in item ? item.from : undefined;
    out.push({ item, key, first: speaker === undefined || speaker !== previous, live });
    previous = speaker;
  });
  return out;
}

/** A post with the comments under it, or a comment that came before any post. */
export interface FeedThread {
  post?: { item: PostItem; isNew: boolean };
  comments: { item: CommentItem; isNew: boolean }[];
}

/** A block of a feed, in order: a thread, or a screen, photo request or pop-up. */
export type FeedBlock = { kind: 'thread'; thread: FeedThread; isNew: boolean } | { kind: 'item'; item: ShowItem; isNew: boolean };

/**
 * A feed built from everything shown so far: each comment goes under the
 * post before it (even when it arrived at a later screen), other items
 * follow in order. Items of the current screen are marked new, except on
 * the first screen. Pop-ups of earlier screens are left out: like toasts,
 * they are gone once the pupil moves on.
 */
export function feedBlocks(earlier: readonly ShowItem[], items: readonly ShowItem[]): FeedBlock[] {
  const blocks: FeedBlock[] = [];
  let thread: FeedThread | undefined;
  const add = (item: ShowItem, current: boolean, isNew: boolean) => {
    if (item.type === 'post') {
      thread = { post: { item, isNew }, comments: [] };
      blocks.push({ kind: 'thread', thread, isNew });
    } else if (item.type === 'comment') {
      if (!thread) {
        thread = { comments: [] };
        blocks.push({ kind: 'thread', thread, isNew });
      }
      thread.comments.push({ item, isNew });
    } else if (item.type !== 'popup' || current) {
      blocks.push({ kind: 'item', item, isNew });
    }
  };
  for (const item of earlier) add(item, false, false);
  // On the first screen everything is new: nothing is marked.
  for (const item of items) add(item, true, earlier.length > 0);
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

/**
 * A page of a settings screen or a web page: its items in runs (toggles
 * together, each other item alone) and, apart, the pop-ups shown over it.
 */
export function pageParts(items: readonly ShowItem[]): { groups: ShowItem[][]; popups: PopupItem[] } {
  return {
    groups: runs(
      items.filter((i) => i.type !== 'popup'),
      (a, b) => a.type === 'toggle' && b.type === 'toggle',
    ),
    popups: items.filter((i): i is PopupItem => i.type === 'popup'),
  };
}

/**
 * A screen titled with a person rather than an app screen ("Dad", with the
 * text "Dad: “…”"): its title names a character, or its text begins with
 * the title and a colon. Skins draw it as narration, not as the app's title.
 */
export function isPersonScreen(scenario: Scenario, item: ScreenItem, lang: Lang): boolean {
  if (!item.title) return false;
  const title = textIn(item.title, lang).trim().toLocaleLowerCase(lang);
  if (scenario.characters.some((c) => textIn(c.name, lang).trim().toLocaleLowerCase(lang) === title)) return true;
  return textIn(item.text, lang).trim().toLocaleLowerCase(lang).startsWith(`${title}:`);
}
