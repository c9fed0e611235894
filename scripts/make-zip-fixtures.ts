/**
 * Writes the hostile (and a few well-formed) zip fixtures used by
 * test/unit/zip.test.ts into test/fixtures/zips/.
 *
 *   npx tsx scripts/make-zip-fixtures.ts
 *
 * Deterministic: fixed mtimes, a seeded PRNG, no dependence on the time zone.
 * Every file stays well under 1 MB. The helpers are exported so the tests can
 * build one-off archives the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Deflate, deflateSync, strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { crc32 } from '../src/core/pack/zip';

/** A local-time string: DOS timestamps carry no zone, so this encodes the same everywhere. */
export const FIXED_MTIME = '2024-01-01T00:00:00';

const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------
// Helpers

/** zipSync with a fixed mtime for every entry. */
export function zipFixed(files: Zippable): Uint8Array {
  return zipSync(files, { mtime: FIXED_MTIME });
}

export function text(s: string): Uint8Array {
  return strToU8(s);
}

/** xorshift32: deterministic bytes that do not compress. */
export function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function le16(dv: DataView, at: number, v: number): void {
  dv.setUint16(at, v, true);
}
function le32(dv: DataView, at: number, v: number): void {
  dv.setUint32(at, v >>> 0, true);
}

export interface HeaderRefs {
  /** The whole archive, for patching. */
  dv: DataView;
  /** Offset of the entry's local header. */
  local: number;
  /** Offset of the entry's central directory header. */
  central: number;
}

/**
 * Patches fields of entry `index` (central directory order) in an archive
 * without ZIP64 records. Offsets inside the headers, for reference:
 *   local:   flags 6, method 8, crc 14, csize 18, size 22, name length 26
 *   central: made by 4, flags 8, method 10, crc 16, csize 20, size 24, external attrs 38, local offset 42
 */
export function patchEntry(zip: Uint8Array, index: number, fn: (h: HeaderRefs) => void): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  const eocd = out.length - 22;
  if (dv.getUint32(eocd, true) !== 0x06054b50) throw new Error('patchEntry: archive has a comment or is not a zip');
  let central = dv.getUint32(eocd + 16, true);
  for (let i = 0; i < index; i++) {
    central += 46 + dv.getUint16(central + 28, true) + dv.getUint16(central + 30, true) + dv.getUint16(central + 32, true);
  }
  if (dv.getUint32(central, true) !== 0x02014b50) throw new Error('patchEntry: no such entry');
  fn({ dv, local: dv.getUint32(central + 42, true), central });
  return out;
}

/** Sets a field to the same value in both the local and the central header. */
export const set = {
  flags: (h: HeaderRefs, v: number) => (le16(h.dv, h.local + 6, v), le16(h.dv, h.central + 8, v)),
  method: (h: HeaderRefs, v: number) => (le16(h.dv, h.local + 8, v), le16(h.dv, h.central + 10, v)),
  crc: (h: HeaderRefs, v: number) => (le32(h.dv, h.local + 14, v), le32(h.dv, h.central + 16, v)),
  compressedSize: (h: HeaderRefs, v: number) => (le32(h.dv, h.local + 18, v), le32(h.dv, h.central + 20, v)),
  size: (h: HeaderRefs, v: number) => (le32(h.dv, h.local + 22, v), le32(h.dv, h.central + 24, v)),
};

export interface RawEntrySpec {
  name: string;
  /** Bytes as stored in the archive (already deflated for method 8). */
  data: Uint8Array;
  method: number;
  crc: number;
  size: number;
  flags?: number;
  versionMadeBy?: number;
  externalAttrs?: number;
}

/** DOS time/date for FIXED_MTIME (2024-01-01 00:00:00). */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/**
 * A minimal zip writer for archives fflate will not produce: exact
 * duplicates, lying headers, ZIP64 records. With `zip64`, every size and
 * offset in the central directory is moved into a ZIP64 extra field and the
 * archive ends with a ZIP64 end record and locator.
 */
export function buildZip(entries: RawEntrySpec[], opts: { zip64?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const flags = (e.flags ?? 0) | 0x0800; // UTF-8 names
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    le32(lv, 0, 0x04034b50);
    le16(lv, 4, opts.zip64 ? 45 : 20);
    le16(lv, 6, flags);
    le16(lv, 8, e.method);
    le16(lv, 10, DOS_TIME);
    le16(lv, 12, DOS_DATE);
    le32(lv, 14, e.crc);
    le32(lv, 18, e.data.length);
    le32(lv, 22, e.size);
    le16(lv, 26, name.length);
    le16(lv, 28, 0);
    local.set(name, 30);

    const extra = opts.zip64 ? new Uint8Array(4 + 24) : new Uint8Array(0);
    if (opts.zip64) {
      const xv = new DataView(extra.buffer);
      le16(xv, 0, 0x0001);
      le16(xv, 2, 24);
      xv.setBigUint64(4, BigInt(e.size), true);
      xv.setBigUint64(12, BigInt(e.data.length), true);
      xv.setBigUint64(20, BigInt(offset), true);
    }
    const cen = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cen.buffer);
    le32(cv, 0, 0x02014b50);
    le16(cv, 4, e.versionMadeBy ?? 20);
    le16(cv, 6, opts.zip64 ? 45 : 20);
    le16(cv, 8, flags);
    le16(cv, 10, e.method);
    le16(cv, 12, DOS_TIME);
    le16(cv, 14, DOS_DATE);
    le32(cv, 16, e.crc);
    le32(cv, 20, opts.zip64 ? 0xffffffff : e.data.length);
    le32(cv, 24, opts.zip64 ? 0xffffffff : e.size);
    le16(cv, 28, name.length);
    le16(cv, 30, extra.length);
    le32(cv, 38, e.externalAttrs ?? 0);
    le32(cv, 42, opts.zip64 ? 0xffffffff : offset);
    cen.set(name, 46);
    cen.set(extra, 46 + name.length);

    parts.push(local, e.data);
    central.push(cen);
    offset += local.length + e.data.length;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const tail: Uint8Array[] = [];
  if (opts.zip64) {
    const rec = new Uint8Array(56);
    const rv = new DataView(rec.buffer);
    le32(rv, 0, 0x06064b50);
    rv.setBigUint64(4, 44n, true);
    le16(rv, 12, 45);
    le16(rv, 14, 45);
    rv.setBigUint64(24, BigInt(entries.length), true);
    rv.setBigUint64(32, BigInt(entries.length), true);
    rv.setBigUint64(40, BigInt(cdSize), true);
    rv.setBigUint64(48, BigInt(cdOffset), true);
    const loc = new Uint8Array(20);
    const locv = new DataView(loc.buffer);
    le32(locv, 0, 0x07064b50);
    locv.setBigUint64(8, BigInt(cdOffset + cdSize), true);
    le32(locv, 16, 1);
    tail.push(rec, loc);
  }
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  le32(ev, 0, 0x06054b50);
  le16(ev, 8, opts.zip64 ? 0xffff : entries.length);
  le16(ev, 10, opts.zip64 ? 0xffff : entries.length);
  le32(ev, 12, opts.zip64 ? 0xffffffff : cdSize);
  le32(ev, 16, opts.zip64 ? 0xffffffff : cdOffset);
  tail.push(eocd);
  return concat([...parts, ...central, ...tail]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A stored entry spec. */
export function stored(name: string, data: Uint8Array, extra: Partial<RawEntrySpec> = {}): RawEntrySpec {
  return { name, data, method: 0, crc: crc32(data), size: data.length, ...extra };
}

/** A deflated entry spec. */
export function deflated(name: string, data: Uint8Array, extra: Partial<RawEntrySpec> = {}): RawEntrySpec {
  return { name, data: deflateSync(data, { level: 9 }), method: 8, crc: crc32(data), size: data.length, ...extra };
}

/**
 * Deflates `total` zero bytes without ever holding them: returns the
 * compressed stream and its CRC-32.
 */
export function deflateZeros(total: number): { data: Uint8Array; crc: number } {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const block = new Uint8Array(MiB);
  let crc = 0;
  for (let left = total; left > 0; ) {
    const n = Math.min(block.length, left);
    const slice = block.subarray(0, n);
    crc = crc32(slice, crc);
    left -= n;
    d.push(slice, left === 0);
  }
  return { data: concat(parts), crc };
}

// ---------------------------------------------------------------------------
// The fixtures

const innocent = text('format: 1\nid: test-pack\n');

export function makeFixtures(): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};

  out['traversal.qpack'] = zipFixed({ 'pack.yaml': innocent, '../evil.md': text('# evil\n') });
  out['absolute.qpack'] = zipFixed({ 'pack.yaml': innocent, '/etc/evil.md': text('# evil\n') });
  out['backslash.qpack'] = zipFixed({ 'pack.yaml': innocent, 'lessons\\a\\kk.md': text('# evil\n') });
  out['drive-letter.qpack'] = zipFixed({ 'pack.yaml': innocent, 'C:/evil.md': text('# evil\n') });
  out['symlink.qpack'] = zipFixed({
    'pack.yaml': innocent,
    'lessons/link.md': [text('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0, level: 0 }],
  });
  out['duplicate-case.qpack'] = zipFixed({
    'pack.yaml': innocent,
    'lessons/a.md': text('# a\n'),
    'lessons/A.md': text('# A\n'),
  });
  out['duplicate-exact.qpack'] = buildZip([
    stored('pack.yaml', innocent),
    stored('lessons/a.md', text('# first\n')),
    stored('lessons/a.md', text('# second\n')),
  ]);

  // 300 MiB of zeros whose headers claim 10 KiB (CRC honest, sizes lying).
  const bomb = deflateZeros(300 * MiB);
  out['zip-bomb.qpack'] = buildZip([stored('pack.yaml', innocent), { name: 'lessons/bomb.md', data: bomb.data, method: 8, crc: bomb.crc, size: 10 * 1024 }]);

  // 200 MiB of zeros with honest headers: refused on the declared ratio alone.
  const honest = deflateZeros(200 * MiB);
  out['ratio-bomb.qpack'] = buildZip([stored('pack.yaml', innocent), { name: 'media/zeros.bin', data: honest.data, method: 8, crc: honest.crc, size: 200 * MiB }]);

  // 10 MiB whose declared ratio (< 100) passes, but which front-loads 9.9 MiB of zeros:
  // only the ratio measured while inflating catches it.
  const frontLoaded = concat([new Uint8Array(10 * MiB - 100 * 1024), noise(100 * 1024)]);
  out['ratio-stream.qpack'] = buildZip([stored('pack.yaml', innocent), deflated('media/front-loaded.bin', frontLoaded)]);

  // 1,001 tiny entries: the test opens it with maxEntries 1000 (25,000 would not fit in 1 MB).
  const many: RawEntrySpec[] = [];
  for (let i = 0; i < 1001; i++) many.push(stored(`f/${i.toString(36)}`, new Uint8Array(0)));
  out['too-many-entries.qpack'] = buildZip(many);

  out['encrypted.qpack'] = patchEntry(zipFixed({ 'pack.yaml': innocent, 'lessons/secret.md': text('# secret\n') }), 1, (h) =>
    set.flags(h, h.dv.getUint16(h.central + 8, true) | 1),
  );
  out['unsupported-method.qpack'] = patchEntry(zipFixed({ 'pack.yaml': innocent, 'lessons/a.md': text('# a\n') }), 1, (h) =>
    set.method(h, 14 /* LZMA */),
  );
  out['not-a-zip.qpack'] = text('This is a lesson plan, not a pack.\nIt was renamed to .qpack by mistake.\n');

  const whole = zipFixed({
    'pack.yaml': innocent,
    'lessons/privacy/kk.md': text('# Құпиялылық\n'.repeat(200)),
    'media/noise.bin': [noise(4096), { level: 0 }],
  });
  out['truncated.qpack'] = whole.slice(0, Math.floor(whole.length / 2));

  const lesson = text('# Қауіпсіздік\n\nБұл сабақ.\n'.repeat(100));
  out['bad-crc.qpack'] = patchEntry(zipFixed({ 'pack.yaml': innocent, 'lessons/kk.md': lesson }), 1, (h) =>
    set.crc(h, h.dv.getUint32(h.central + 16, true) ^ 0xdeadbeef),
  );
  // The deflate stream is cut short, with headers that agree about the shorter length.
  out['truncated-deflate.qpack'] = patchEntry(zipFixed({ 'pack.yaml': innocent, 'lessons/kk.md': lesson }), 1, (h) =>
    set.compressedSize(h, Math.floor(h.dv.getUint32(h.central + 20, true) / 2)),
  );

  // A well-formed archive using ZIP64 records throughout, which the reader must accept.
  out['zip64.qpack'] = buildZip([stored('pack.yaml', innocent), deflated('lessons/қауіпсіздік/kk.md', lesson)], { zip64: true });

  return out;
}

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'zips');

function main(): void {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(makeFixtures())) {
    writeFileSync(join(FIXTURE_DIR, name), bytes);
    console.log(`${name.padEnd(28)} ${bytes.length.toString().padStart(9)} bytes`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
