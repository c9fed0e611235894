import { isLang, type Lang } from '../base/languages';
import { PackError, problem, type Problem } from '../base/problems';
import { sha256Hex } from '../base/bytes';
import { decodeUtf8, lineCol } from '../base/text';
import { parseYaml } from '../base/yaml';
import { CONTENT_KINDS, type ItemsByKind, type KindKey } from './kinds';
import type { KindContext, KindFile, PackFile } from './kinds/kind';
import { mediaType } from './media';
import { FORMAT_VERSION, manifestSchema, MEDIA_TYPES, packSchema, type Manifest, type PackMeta } from './schema';
import { svgDanger } from './svg';

export interface PackFiles {
  kind: 'qpack' | 'folder';
  /** What the user picked, for messages: a file or folder name. */
  name: string;
  files: PackFile[];
}

export interface LoadedMedia {
  path: string;
  sha256: string;
  type: string;
  size: number;
}

/** A whole pack, checked: its manifest data and one list per kind of content (kinds/index.ts). */
export type LoadedPack = {
  meta: PackMeta;
  media: LoadedMedia[];
} & ItemsByKind;

/** Where verified media go while a pack loads: content-addressed, so a blob nothing references stays invisible. */
export interface MediaSink {
  /** Takes a verified file to store under its hash. */
  put(sha256: string, bytes: Uint8Array, type: string): Promise<unknown>;
}

export interface LoadOptions {
  media?: MediaSink;
  /** Called after the text of the pack is valid and before any media is written; may throw to stop. */
  beforeMedia?: (meta: PackMeta) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

const TEXT_LIMIT = 2 * 1024 * 1024;

/**
 * Reads and validates a whole pack. Text is checked first, so a broken pack
 * is refused before any media is written. Throws PackError with every problem found.
 */
export async function loadPack(pack: PackFiles, options: LoadOptions = {}): Promise<LoadedPack> {
  const total = pack.files.reduce((n, f) => n + f.size, 0) || 1;
  let done = 0;
  const progress = (bytes: number) => {
    done += bytes;
    options.onProgress?.(Math.min(done, total), total);
  };
  const problems: Problem[] = [];
  const byPath = new Map(pack.files.map((f) => [f.path, f]));

  // 1. The manifest: required in a .qpack, optional in a folder.
  let manifest: Manifest | undefined;
  const manifestFile = byPath.get('manifest.json');
  if (manifestFile) {
    manifest = await readManifest(manifestFile, problems);
    progress(manifestFile.size);
  } else if (pack.kind === 'qpack') {
    throw new PackError([problem('manifest.missing', { file: 'manifest.json' })]);
  }
  if (manifest) {
    for (const path of Object.keys(manifest.files)) {
      if (!byPath.has(path)) problems.push(problem('manifest.missingFile', { file: 'manifest.json', params: { name: path } }));
    }
    for (const f of pack.files) {
      if (f.path !== 'manifest.json' && !manifest.files[f.path]) problems.push(problem('manifest.unlisted', { file: f.path }));
    }
  }
  if (problems.length) throw new PackError(problems);

  const verify = async (f: PackFile): Promise<Uint8Array | undefined> => {
    const bytes = await f.read();
    const expected = manifest?.files[f.path];
    if (expected) {
      if (bytes.length !== expected.size) {
        problems.push(problem('manifest.sizeMismatch', { file: f.path, params: { expected: expected.size, actual: bytes.length } }));
        return undefined;
      }
      if ((await sha256Hex(bytes)) !== expected.sha256) {
        problems.push(problem('manifest.hashMismatch', { file: f.path }));
        return undefined;
      }
    }
    return bytes;
  };
  const readText = async (f: PackFile): Promise<string | undefined> => {
    if (f.size > TEXT_LIMIT) {
      problems.push(problem('zip.fileTooLarge', { file: f.path, params: { limit: TEXT_LIMIT } }));
      return undefined;
    }
    const bytes = await verify(f);
    progress(f.size);
    if (!bytes) return undefined;
    const decoded = decodeUtf8(bytes, f.path);
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      return undefined;
    }
    return decoded.text;
  };

  // 2. Sort the files by the kind that claims them.
  const claimed = new Map<KindKey, KindFile[]>(CONTENT_KINDS.map((k) => [k.key, []]));
  const mediaFiles: PackFile[] = [];
  for (const f of pack.files) {
    // README.md at the root is for the people who keep the pack (how to update it); the app does not show it.
    if (f.path === 'manifest.json' || f.path === 'pack.yaml' || f.path === 'README.md') continue;
    const kind = CONTENT_KINDS.find((k) => k.match(f.path));
    const where = kind?.match(f.path);
    if (kind && where) claimed.get(kind.key)?.push({ file: f, ...where });
    else if (f.path.startsWith('media/')) mediaFiles.push(f);
    else problems.push(problem('file.unexpected', { file: f.path }));
  }
  for (const f of mediaFiles) {
    if (!mediaType(f.path)) problems.push(problem('file.mediaType', { file: f.path, params: { allowed: Object.keys(MEDIA_TYPES).join(', ') } }));
  }

  // 3. pack.yaml
  const packFile = byPath.get('pack.yaml');
  let meta: PackMeta | undefined;
  if (!packFile) {
    problems.push(problem('pack.missingPackYaml', { file: 'pack.yaml' }));
  } else {
    const text = await readText(packFile);
    if (text !== undefined) {
      const declared = /^formatVersion:\s*(\S+)/m.exec(text);
      const version = declared?.[1];
      if (declared && version !== undefined && version !== String(FORMAT_VERSION)) {
        const at = lineCol(text, declared.index);
        throw new PackError([problem('pack.unsupportedFormat', { file: 'pack.yaml', ...at, params: { version, supported: FORMAT_VERSION } })]);
      }
      const parsed = parseYaml(text, packSchema, 'pack.yaml');
      problems.push(...parsed.problems);
      meta = parsed.value;
    }
  }

  /** A lesson or worksheet file named after a language of the pack; otherwise a problem. */
  const packLanguage = (file: PackFile, lang: string): lang is Lang => {
    if (isLang(lang) && (!meta || meta.languages.includes(lang))) return true;
    problems.push(problem('lesson.unknownLanguage', { file: file.path, line: 1, col: 1, params: { lang, languages: (meta?.languages ?? []).join(', ') } }));
    return false;
  };

  // 4. Each kind of content, lessons first.
  const context: KindContext = {
    meta,
    problems,
    mediaPaths: new Set(mediaFiles.map((f) => f.path)),
    lessonIds: new Set((claimed.get('lessons') ?? []).map((f) => f.name)),
    readText,
    packLanguage,
  };
  const items: Partial<Record<KindKey, unknown[]>> = {};
  for (const kind of CONTENT_KINDS) {
    const loaded: unknown[] = await kind.load(claimed.get(kind.key) ?? [], context);
    items[kind.key] = loaded.sort(kind.compare as (a: unknown, b: unknown) => number);
  }
  if (problems.length || !meta) throw new PackError(problems);

  // 5. Media, one file at a time: memory stays flat whatever the size of the pack.
  await options.beforeMedia?.(meta);
  const media: LoadedMedia[] = [];
  for (const f of mediaFiles) {
    const bytes = await verify(f);
    if (!bytes) continue;
    const sha256 = manifest?.files[f.path]?.sha256 ?? (await sha256Hex(bytes));
    const type = mediaType(f.path) ?? 'application/octet-stream';
    if (type === 'image/svg+xml') {
      const danger = svgDanger(new TextDecoder().decode(bytes));
      if (danger) {
        problems.push(problem('media.unsafeSvg', { file: f.path, line: danger.line, col: danger.col, params: { what: danger.what } }));
        continue;
      }
    }
    await options.media?.put(sha256, bytes, type);
    media.push({ path: f.path, sha256, type, size: bytes.length });
    progress(f.size);
  }
  if (problems.length) throw new PackError(problems);
  return { meta, media, ...(items as ItemsByKind) };
}

async function readManifest(f: PackFile, problems: Problem[]): Promise<Manifest | undefined> {
  const decoded = decodeUtf8(await f.read(), f.path);
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (e) {
    problems.push(problem('manifest.invalid', { file: f.path, line: 1, col: 1, params: { detail: String((e as Error).message) } }));
    return undefined;
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(problem('manifest.invalid', { file: f.path, line: 1, col: 1, params: { detail: parsed.error.issues[0]?.message ?? '' } }));
    return undefined;
  }
  return parsed.data;
}
