import type { PickedFolder } from '../platform';
import type { PackFile } from './kinds/kind';
import type { PackFiles } from './load';
import { openZip, type ByteSource, type ZipLimits } from './zip';

/** The files of a .qpack, read lazily and safely from a random-access source. */
export async function qpackFiles(source: ByteSource, name: string, limits?: Partial<ZipLimits>): Promise<PackFiles> {
  const zip = await openZip(source, limits);
  // Every file but the manifest itself is verified against the manifest's
  // SHA-256 by the loader, which makes the zip's weaker CRC-32 redundant there.
  const files: PackFile[] = zip.entries.map((entry) => ({
    path: entry.path,
    size: entry.size,
    read: () => zip.read(entry, undefined, { checksum: entry.path === 'manifest.json' }),
  }));
  return { kind: 'qpack', name, files };
}

/** The files of a folder picked in the desktop shell. */
export function folderFiles(folder: PickedFolder, read: (token: string, path: string) => Promise<Uint8Array>): PackFiles {
  return {
    kind: 'folder',
    name: folder.name,
    files: folder.files.map((f) => ({ path: f.path, size: f.size, read: () => read(folder.token, f.path) })),
  };
}
