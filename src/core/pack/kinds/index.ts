import type { ContentKind } from './kind';
import { lessonKind } from './lessons';
import { quizKind } from './quizzes';
import { scenarioKind } from './scenarios';
import { worksheetKind } from './worksheets';

/**
 * Every kind of content a pack carries, in the order they load: lessons
 * first, since worksheets and quizzes belong to a lesson. A new kind is a
 * file in this folder and one entry here; the loader, the JSON Schemas and the
 * renderer's store (whose table map is typed by these keys) follow.
 */
export const CONTENT_KINDS = [lessonKind, scenarioKind, worksheetKind, quizKind] as const;

type Kinds = (typeof CONTENT_KINDS)[number];
/** The names of the kinds: lessons, scenarios, worksheets, quizzes. */
export type KindKey = Kinds['key'];
/** The items of each kind, by its key: what LoadedPack holds. */
export type ItemsByKind = { [K in Kinds as K['key']]: K extends ContentKind<string, infer Item> ? Item[] : never };
