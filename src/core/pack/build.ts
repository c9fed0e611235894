import { zipSync, type Zippable } from 'fflate';
import { compareText } from '../base/order';
import { sha256Hex } from '../base/bytes';
import { FORMAT_VERSION, type Manifest } from './schema';

const STORED = /\.(png|jpe?g|gif|webp)$/i;

/** Builds a .qpack: the pack's files zipped with a manifest of every file's size and SHA-256. */
export async function buildQpack(files: { path: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const sorted = [...files].filter((f) => f.path !== 'manifest.json').sort((a, b) => compareText(a.path, b.path));
  const manifest: Manifest = { formatVersion: FORMAT_VERSION, files: {} };
  const zip: Zippable = {};
  // A fixed local time: the same bytes whatever the builder's time zone.
  const mtime = '2020-01-01T00:00:00';
  for (const f of sorted) {
    manifest.files[f.path] = { size: f.bytes.length, sha256: await sha256Hex(f.bytes) };
    zip[f.path] = [f.bytes, { level: STORED.test(f.path) ? 0 : 6, mtime }];
  }
  zip['manifest.json'] = [new TextEncoder().encode(JSON.stringify(manifest, null, 2)), { level: 6, mtime }];
  return zipSync(zip);
}
