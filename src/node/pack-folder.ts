import { lstat, open, readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { PackError, problem, type Problem } from '../core/base/problems';
import type { PackFiles } from '../core/pack/load';
import { compareText } from '../core/base/order';
import type { ByteSource } from '../core/pack/zip';

const IGNORED = /^(\..*|Thumbs\.db|desktop\.ini)$/i;
const MAX_FILES = 20000;

/** Lists a pack folder: ordinary files only. Links and special files are refused, hidden files skipped. */
export async function listPackFolder(root: string): Promise<{ path: string; size: number }[]> {
  const files: { path: string; size: number }[] = [];
  const problems: Problem[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (IGNORED.test(entry.name)) continue;
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      const stat = await lstat(full);
      if (stat.isSymbolicLink() || (!stat.isFile() && !stat.isDirectory())) {
        problems.push(problem('folder.unsafeEntry', { file: path }));
      } else if (stat.isDirectory()) {
        await walk(full);
      } else {
        files.push({ path, size: stat.size });
        if (files.length > MAX_FILES) throw new PackError([problem('zip.tooManyEntries', { params: { limit: MAX_FILES } })]);
      }
    }
  };
  await walk(root);
  if (problems.length) throw new PackError(problems);
  return files.sort((a, b) => compareText(a.path, b.path));
}

/** Reads one file of a listed folder, refusing anything that became a link since. */
export async function readPackFolderFile(root: string, path: string): Promise<Uint8Array> {
  const full = join(root, ...path.split('/'));
  if (relative(root, full).startsWith('..')) throw new PackError([problem('zip.unsafePath', { file: path, params: { name: path } })]);
  const stat = await lstat(full);
  if (!stat.isFile()) throw new PackError([problem('folder.unsafeEntry', { file: path })]);
  return new Uint8Array(await readFile(full));
}

export async function packFolderFiles(root: string): Promise<PackFiles> {
  const listed = await listPackFolder(root);
  return {
    kind: 'folder',
    name: basename(root),
    files: listed.map((f) => ({ ...f, read: () => readPackFolderFile(root, f.path) })),
  };
}

/** Random access to a file on disk, for reading a .qpack without loading it whole. */
export async function fileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}
