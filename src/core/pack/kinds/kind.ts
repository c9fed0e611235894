import type { z } from 'zod';
import type { Lang } from '../../base/languages';
import type { Problem } from '../../base/problems';
import type { PackMeta } from '../schema';

/** One file of a pack, from a .qpack or a folder. `path` is relative to the pack root with forward slashes. */
export interface PackFile {
  path: string;
  size: number;
  read(): Promise<Uint8Array>;
}

/** A file a kind claimed by its path: the folder or file name it sits under and, for one-language files, the language. */
export interface KindFile {
  file: PackFile;
  /** The folder (lessons, worksheets) or the file name without extension (scenarios, quizzes). */
  name: string;
  /** The language the file name gives, for kinds with one file per language. */
  lang?: string;
}

/** What the loader gives every kind while a pack loads. */
export interface KindContext {
  /** pack.yaml, or undefined when it is missing or broken (its problems are already reported). */
  meta: PackMeta | undefined;
  /** Where each kind adds its problems; the loader refuses the pack if any is there. */
  problems: Problem[];
  /** Every media file of the pack, for image references. */
  mediaPaths: ReadonlySet<string>;
  /** Every lesson folder of the pack, from the file paths alone: what worksheets and quizzes may belong to. */
  lessonIds: ReadonlySet<string>;
  /** The file's text, verified against the manifest and decoded; undefined after a problem was reported. */
  readText(file: PackFile): Promise<string | undefined>;
  /** Whether a language in a file name is one of the pack's; otherwise reports it. */
  packLanguage(file: PackFile, lang: string): lang is Lang;
}

/**
 * One kind of content a pack can carry (docs/architecture.md, "A new kind of
 * content"). The loader, the JSON Schemas for editors and the renderer's store
 * iterate over CONTENT_KINDS, so a new kind is one file that implements this
 * and one line in the registry.
 */
export interface ContentKind<Key extends string, Item> {
  /** The field of LoadedPack that holds its items, and the store's name for them. */
  readonly key: Key;
  /** Claims a file by its path, or returns undefined. */
  match(path: string): Omit<KindFile, 'file'> | undefined;
  /** The JSON Schema written for editors: file name and the zod schema it is made from. */
  readonly jsonSchema: { file: string; schema: z.ZodType };
  /** Parses and checks every file of the kind; problems go to the context. */
  load(files: readonly KindFile[], context: KindContext): Promise<Item[]>;
  /** The order items are stored and listed in. */
  compare(a: Item, b: Item): number;
}
