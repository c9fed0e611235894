/**
 * A defensive ZIP reader for lesson packs.
 *
 * Packs arrive on USB sticks and are hostile until proven otherwise, so this
 * reader:
 *  - reads only the end of the source to find the central directory, then
 *    validates every entry (paths, symlinks, encryption, methods, duplicates,
 *    declared sizes and ratios) before anything is decompressed;
 *  - decompresses one entry at a time, in small slices, and enforces the
 *    limits on the *actual* output while it is being produced, so a zip bomb
 *    is abandoned long before it can fill memory;
 *  - turns every malformed structure into a `PackError` (zip.notZip /
 *    zip.corrupt), never a stray TypeError or RangeError.
 *
 * Pure TypeScript: no DOM, no Node, no Electron. Errors thrown by the
 * ByteSource itself (an unplugged USB stick, a revoked File) are passed
 * through unchanged: they are I/O failures, not properties of the pack.
 */
import { Inflate } from 'fflate';
import { PackError, problem } from '../base/problems';
import type { Problem, ProblemCode } from '../base/problems';

// ---------------------------------------------------------------------------
// Byte sources

/** Random access to bytes: a File/Blob in the browser, a file handle in Node, a Uint8Array in tests. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

function clampRange(size: number, offset: number, length: number): [number, number] {
  const start = Math.min(Math.max(0, Math.floor(offset) || 0), size);
  const end = Math.min(Math.max(start, start + (Math.floor(length) || 0)), size);
  return [start, end];
}

/** Reads from bytes already in memory. Returns views, not copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const [start, end] = clampRange(bytes.length, offset, length);
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/**
 * Reads from a Blob or File without loading the whole of it. Every read of a
 * disk-backed File costs about the same whatever its size, so small reads
 * (a local header, then its name, then a small file) are served from one
 * read-ahead window; large reads go straight through.
 */
export function blobSource(blob: Blob, window = 4 * MiB): ByteSource {
  let bufferStart = 0;
  let buffer = new Uint8Array(0);
  const direct = async (start: number, end: number) => new Uint8Array(await blob.slice(start, end).arrayBuffer());
  return {
    size: blob.size,
    async read(offset, length) {
      const [start, end] = clampRange(blob.size, offset, length);
      if (start >= bufferStart && end <= bufferStart + buffer.length) {
        return buffer.subarray(start - bufferStart, end - bufferStart);
      }
      if (end - start >= window) return direct(start, end);
      buffer = await direct(start, Math.min(blob.size, start + window));
      bufferStart = start;
      return buffer.subarray(0, end - start);
    },
  };
}

// ---------------------------------------------------------------------------
// Public types

export interface ZipLimits {
  /** Most entries (files and folders) the central directory may list. */
  maxEntries: number;
  /** Largest single file, declared and actual. */
  maxFileSize: number;
  /** Largest sum of declared sizes, and of bytes produced by all reads on one reader. */
  maxTotalSize: number;
  /** Largest uncompressed/compressed ratio, checked once an entry passes RATIO_THRESHOLD bytes. */
  maxRatio: number;
}

const MiB = 1024 * 1024;

const DEFAULT_LIMITS: ZipLimits = Object.freeze({
  maxEntries: 20_000,
  maxFileSize: 64 * MiB,
  maxTotalSize: 2048 * MiB,
  maxRatio: 100,
});

/** Ratios are only judged once an entry is bigger than this: tiny files compress absurdly well. */
const RATIO_THRESHOLD = 1 * MiB;

export interface ZipEntry {
  /** Path inside the archive, forward slashes, validated. */
  path: string;
  /** Declared uncompressed size. */
  size: number;
  /** Declared compressed size. */
  compressedSize: number;
  method: 0 | 8;
  crc32: number;
  /** Internal: where the entry's local header starts. */
  localHeaderOffset: number;
}

export interface ReadOptions {
  /** Skip CRC-32 when the caller verifies the same bytes with a stronger hash (default: check). */
  checksum?: boolean;
}

export interface ZipReader {
  /** Files only (folder entries are dropped), in central directory order. */
  entries: ZipEntry[];
  /**
   * Decompresses one entry and verifies its checksum. `onProgress` receives the
   * number of bytes produced so far. Every read counts towards maxTotalSize,
   * including repeated reads of the same entry.
   */
  read(entry: ZipEntry, onProgress?: (bytesOut: number) => void, options?: ReadOptions): Promise<Uint8Array>;
}

// ---------------------------------------------------------------------------
// Format constants

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;

const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const EOCD_SIZE = 22;
const EOCD64_LOCATOR_SIZE = 20;
const EOCD64_MIN_SIZE = 56;
const MAX_COMMENT = 0xffff;

/** Flags: 0 = encrypted, 6 = strong encryption, 13 = central directory encrypted. */
const FLAG_ENCRYPTED_MASK = 0x0001 | 0x0040 | 0x2000;

const HOST_UNIX = 3;
const HOST_OSX = 19;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Bytes read from the source at a time. */
const READ_CHUNK = 1 * MiB;
/**
 * Bytes handed to the inflater at a time. Deflate can expand ~1032x, so one
 * slice produces at most ~8 MiB before the limits are checked again.
 */
const INFLATE_SLICE = 8 * 1024;
/** Refuse central directories bigger than this outright (20,000 entries with long names is ~10 MiB). */
const MAX_CENTRAL_DIRECTORY = 64 * MiB;
/** Stop collecting entry problems after this many; the pack is refused either way. */
const MAX_PROBLEMS = 100;

// ---------------------------------------------------------------------------
// Errors

function fail(code: ProblemCode, at: Omit<Problem, 'code'> = {}): never {
  throw new PackError([problem(code, at)]);
}

/** Marks an error thrown by the ByteSource so it is passed through, not relabelled. */
class SourceFailure {
  constructor(readonly cause: unknown) {}
}

async function readExact(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  if (length === 0) return new Uint8Array(0);
  if (offset < 0 || offset + length > source.size) fail('zip.corrupt');
  let bytes: Uint8Array;
  try {
    bytes = await source.read(offset, length);
  } catch (e) {
    throw new SourceFailure(e);
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) fail('zip.corrupt');
  return bytes;
}

/** Runs `fn`, turning anything that is not a PackError or a source failure into zip.corrupt. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PackError) throw e;
    if (e instanceof SourceFailure) throw e.cause;
    throw new PackError([problem('zip.corrupt')]);
  }
}

// ---------------------------------------------------------------------------
// Little-endian helpers (callers check bounds first; DataView throws RangeError otherwise, which `guarded` catches)

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads a little-endian 64-bit unsigned integer that must fit in a JS safe integer. */
function u64(dv: DataView, at: number): number {
  const lo = dv.getUint32(at, true);
  const hi = dv.getUint32(at + 4, true);
  if (hi > 0x1fffff) fail('zip.corrupt');
  return hi * 0x1_0000_0000 + lo;
}

// ---------------------------------------------------------------------------
// CRC-32 (fflate does not export its implementation)

/** CRC-32 tables for slicing by 8 bytes at a time. */
const CRC_TABLES = (() => {
  const t = Array.from({ length: 8 }, () => new Uint32Array(256));
  const t0 = t[0]!;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t0[n]!;
    for (let k = 1; k < 8; k++) {
      c = t0[c & 0xff]! ^ (c >>> 8);
      t[k]![n] = c >>> 0;
    }
  }
  return t;
})();

/** Updates a running CRC-32. Start with 0; the result is the finished CRC of everything so far. */
export function crc32(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc >>> 0;
  let i = 0;
  const fast = data.length - (data.length % 8);
  for (; i < fast; i += 8) {
    const a = (c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[data[i + 4]!]! ^
      t2[data[i + 5]!]! ^
      t1[data[i + 6]!]! ^
      t0[data[i + 7]!]!;
  }
  for (; i < data.length; i++) c = t0[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------------------
// Paths

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A version of an untrusted name that is safe to show in a message. */
function displayName(name: string): string {
  const shown = name.replace(CONTROL_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

/**
 * Whether a decoded entry name is a safe relative path. A single trailing
 * slash (folder entries) is allowed; everything else must be plain segments.
 */
function isSafePath(name: string): boolean {
  if (name.length === 0) return false;
  if (name.startsWith('/')) return false;
  if (name.includes('\\')) return false;
  if (CONTROL.test(name)) return false;
  // Drive letters (C:), and any colon at all: Windows reads `a.md:x` as an alternate data stream.
  if (name.includes(':')) return false;
  const body = name.endsWith('/') ? name.slice(0, -1) : name;
  if (body.length === 0) return false;
  for (const segment of body.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return false;
  }
  return true;
}

/** Key under which two paths are considered the same file on a case-insensitive disk. */
function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

// ---------------------------------------------------------------------------
// Central directory

interface EndRecord {
  entryCount: number;
  cdOffset: number;
  cdSize: number;
  /** Where the central directory must end: the EOCD, or the ZIP64 EOCD when there is one. */
  cdEnd: number;
}

async function findEnd(source: ByteSource, limits: ZipLimits): Promise<EndRecord> {
  const size = source.size;
  if (!Number.isSafeInteger(size) || size < EOCD_SIZE) fail('zip.notZip');

  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = size - tailLength;
  const tail = await readExact(source, tailStart, tailLength);
  const tv = view(tail);

  // The EOCD's comment must run exactly to the end of the file: a signature
  // inside a comment, or junk after the archive, does not count.
  let at = -1;
  for (let i = tailLength - EOCD_SIZE; i >= 0; i--) {
    if (tv.getUint32(i, true) === SIG_EOCD && i + EOCD_SIZE + tv.getUint16(i + 20, true) === tailLength) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    // A file that starts like a zip but has no end was cut short (an interrupted copy).
    const head = await readExact(source, 0, 4);
    if (view(head).getUint32(0, true) === SIG_LOCAL) fail('zip.corrupt');
    fail('zip.notZip');
  }

  const eocdOffset = tailStart + at;
  const disk = tv.getUint16(at + 4, true);
  const cdDisk = tv.getUint16(at + 6, true);
  const entriesHere = tv.getUint16(at + 8, true);
  let entryCount = tv.getUint16(at + 10, true);
  let cdSize = tv.getUint32(at + 12, true);
  let cdOffset = tv.getUint32(at + 16, true);
  let cdEnd = eocdOffset;

  // ZIP64: a locator right before the EOCD points at the 64-bit end record.
  let zip64 = false;
  if (eocdOffset >= EOCD64_LOCATOR_SIZE) {
    const loc = view(await readExact(source, eocdOffset - EOCD64_LOCATOR_SIZE, EOCD64_LOCATOR_SIZE));
    if (loc.getUint32(0, true) === SIG_EOCD64_LOCATOR) {
      zip64 = true;
      if (loc.getUint32(4, true) !== 0 || loc.getUint32(16, true) > 1) fail('zip.corrupt'); // multi-disk
      const recOffset = u64(loc, 8);
      const locatorOffset = eocdOffset - EOCD64_LOCATOR_SIZE;
      if (recOffset + EOCD64_MIN_SIZE > locatorOffset) fail('zip.corrupt');
      const rec = view(await readExact(source, recOffset, EOCD64_MIN_SIZE));
      if (rec.getUint32(0, true) !== SIG_EOCD64) fail('zip.corrupt');
      if (recOffset + 12 + u64(rec, 4) !== locatorOffset) fail('zip.corrupt');
      if (rec.getUint32(16, true) !== 0 || rec.getUint32(20, true) !== 0) fail('zip.corrupt');
      const here64 = u64(rec, 24);
      entryCount = u64(rec, 32);
      if (here64 !== entryCount) fail('zip.corrupt');
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
      cdEnd = recOffset;
    }
  }
  if (!zip64) {
    if (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount) fail('zip.corrupt');
  }

  // Refuse on the count alone, before reading a byte of the directory.
  if (entryCount > limits.maxEntries) fail('zip.tooManyEntries', { params: { limit: limits.maxEntries } });
  if (cdOffset + cdSize !== cdEnd) fail('zip.corrupt');
  if (cdSize < entryCount * CENTRAL_HEADER_SIZE) fail('zip.corrupt');
  if (cdSize > MAX_CENTRAL_DIRECTORY) fail('zip.tooLarge', { params: { limit: MAX_CENTRAL_DIRECTORY } });
  return { entryCount, cdOffset, cdSize, cdEnd };
}

interface RawEntry {
  nameBytes: Uint8Array;
  versionMadeBy: number;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  externalAttrs: number;
  localHeaderOffset: number;
}

function parseCentralDirectory(cd: Uint8Array, count: number): RawEntry[] {
  const dv = view(cd);
  const out: RawEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_SIZE > cd.length) fail('zip.corrupt');
    if (dv.getUint32(p, true) !== SIG_CENTRAL) fail('zip.corrupt');
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const next = p + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
    if (next > cd.length) fail('zip.corrupt');

    let size = dv.getUint32(p + 24, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    const diskStart = dv.getUint16(p + 34, true);
    const nameStart = p + CENTRAL_HEADER_SIZE;

    // ZIP64 extended information: only the saturated fields are present, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff || diskStart === 0xffff) {
      const z = findExtra(cd, nameStart + nameLength, extraLength, 0x0001);
      if (!z) fail('zip.corrupt');
      const zv = view(z);
      let q = 0;
      const take = (): number => {
        if (q + 8 > z.length) fail('zip.corrupt');
        const v = u64(zv, q);
        q += 8;
        return v;
      };
      if (size === 0xffffffff) size = take();
      if (compressedSize === 0xffffffff) compressedSize = take();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      if (diskStart === 0xffff) {
        if (q + 4 > z.length || zv.getUint32(q, true) !== 0) fail('zip.corrupt');
      }
    } else if (diskStart !== 0) {
      fail('zip.corrupt');
    }

    out.push({
      nameBytes: cd.subarray(nameStart, nameStart + nameLength),
      versionMadeBy: dv.getUint16(p + 4, true),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      crc32: dv.getUint32(p + 16, true),
      compressedSize,
      size,
      externalAttrs: dv.getUint32(p + 38, true),
      localHeaderOffset,
    });
    p = next;
  }
  if (p !== cd.length) fail('zip.corrupt');
  return out;
}

/** The body of the first extra field with the given id, or undefined. Malformed trailing extra data is ignored. */
function findExtra(bytes: Uint8Array, start: number, length: number, id: number): Uint8Array | undefined {
  const dv = view(bytes);
  const end = start + length;
  let p = start;
  while (p + 4 <= end) {
    const headerId = dv.getUint16(p, true);
    const size = dv.getUint16(p + 2, true);
    if (p + 4 + size > end) return undefined;
    if (headerId === id) return bytes.subarray(p + 4, p + 4 + size);
    p += 4 + size;
  }
  return undefined;
}

function isSymlink(e: RawEntry): boolean {
  const host = e.versionMadeBy >>> 8;
  if (host !== HOST_UNIX && host !== HOST_OSX) return false;
  return ((e.externalAttrs >>> 16) & S_IFMT) === S_IFLNK;
}

interface Internal {
  entry: ZipEntry;
  raw: RawEntry;
  /** The first byte that belongs to something else (the next local header, or the central directory). */
  dataLimit: number;
}

// ---------------------------------------------------------------------------
// openZip

export async function openZip(source: ByteSource, limits: Partial<ZipLimits> = {}): Promise<ZipReader> {
  const lim: ZipLimits = { ...DEFAULT_LIMITS, ...limits };
  return guarded(async () => {
    const end = await findEnd(source, lim);
    const cd = await readExact(source, end.cdOffset, end.cdSize);
    const raws = parseCentralDirectory(cd, end.entryCount);

    // Layout: every local header + data must sit before the central directory, without overlapping
    // another entry. Overlapping entries are how the most efficient zip bombs reuse one payload.
    const order = raws.map((_, i) => i).sort((a, b) => raws[a]!.localHeaderOffset - raws[b]!.localHeaderOffset);
    const dataLimits = new Array<number>(raws.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const r = raws[i]!;
      const nextIndex = order[k + 1];
      const limit = nextIndex === undefined ? end.cdOffset : raws[nextIndex]!.localHeaderOffset;
      if (r.localHeaderOffset + LOCAL_HEADER_SIZE + r.compressedSize > limit) fail('zip.corrupt');
      dataLimits[i] = limit;
    }

    const problems: Problem[] = [];
    const report = (p: Problem): void => {
      if (problems.length < MAX_PROBLEMS) problems.push(p);
    };
    const internals: Internal[] = [];
    const seen = new Map<string, string>();
    let total = 0;

    for (let i = 0; i < raws.length; i++) {
      const r = raws[i]!;
      let name: string;
      try {
        name = utf8.decode(r.nameBytes);
      } catch {
        report(problem('zip.unsafePath', { params: { name: displayName(utf8Lossy.decode(r.nameBytes)) } }));
        continue;
      }
      if (!isSafePath(name)) {
        const shown = displayName(name);
        report(problem('zip.unsafePath', { file: shown, params: { name: shown } }));
        continue;
      }
      const isDir = name.endsWith('/');
      const path = isDir ? name.slice(0, -1) : name;
      const file = { file: path };
      if (isSymlink(r)) {
        report(problem('zip.symlink', file));
        continue;
      }
      if (r.flags & FLAG_ENCRYPTED_MASK) {
        report(problem('zip.encrypted', file));
        continue;
      }
      if (isDir) continue; // folders carry nothing else worth checking, and are not listed
      if (r.method !== 0 && r.method !== 8) {
        report(problem('zip.unsupportedMethod', { ...file, params: { method: r.method } }));
        continue;
      }
      if (r.method === 0 && r.size !== r.compressedSize) fail('zip.corrupt', file);
      if (r.size > RATIO_THRESHOLD && r.size > lim.maxRatio * r.compressedSize) {
        report(problem('zip.ratio', { ...file, params: { limit: lim.maxRatio } }));
        continue;
      }
      if (r.size > lim.maxFileSize) {
        report(problem('zip.fileTooLarge', { ...file, params: { limit: lim.maxFileSize } }));
        continue;
      }
      const key = collisionKey(path);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        report(problem('zip.duplicateEntry', { ...file, params: { name: earlier } }));
        continue;
      }
      seen.set(key, path);
      total += r.size;
      internals.push({
        entry: {
          path,
          size: r.size,
          compressedSize: r.compressedSize,
          method: r.method,
          crc32: r.crc32,
          localHeaderOffset: r.localHeaderOffset,
        },
        raw: r,
        dataLimit: dataLimits[i]!,
      });
    }

    // A file may not also be a folder of another file (`a` and `a/b`): they cannot both exist on disk.
    for (const { entry } of internals) {
      const parts = collisionKey(entry.path).split('/');
      for (let n = 1; n < parts.length; n++) {
        const other = seen.get(parts.slice(0, n).join('/'));
        if (other !== undefined) report(problem('zip.duplicateEntry', { file: entry.path, params: { name: other } }));
      }
    }

    if (total > lim.maxTotalSize) report(problem('zip.tooLarge', { params: { limit: lim.maxTotalSize } }));
    if (problems.length > 0) throw new PackError(problems);

    return makeReader(source, lim, internals);
  });
}

// ---------------------------------------------------------------------------
// Reading entries

function makeReader(source: ByteSource, lim: ZipLimits, internals: Internal[]): ZipReader {
  const byOffset = new Map<number, Internal>();
  for (const it of internals) byOffset.set(it.entry.localHeaderOffset, it);
  let producedTotal = 0;

  async function read(requested: ZipEntry, onProgress?: (bytesOut: number) => void, options: ReadOptions = {}): Promise<Uint8Array> {
    const checksum = options.checksum ?? true;
    // Work from our own copy of the entry, never from fields the caller could have changed.
    const it = byOffset.get(requested.localHeaderOffset);
    if (!it || it.entry.path !== requested.path) fail('zip.corrupt', { file: requested.path });
    const { entry, raw } = it;
    const file = entry.path;

    return guarded(async () => {
      // Local header: its name and extra lengths may differ from the central directory's.
      const lh = await readExact(source, entry.localHeaderOffset, LOCAL_HEADER_SIZE);
      const lv = view(lh);
      if (lv.getUint32(0, true) !== SIG_LOCAL) fail('zip.corrupt', { file });
      const flags = lv.getUint16(6, true);
      if (flags & FLAG_ENCRYPTED_MASK) fail('zip.encrypted', { file });
      if (lv.getUint16(8, true) !== entry.method) fail('zip.corrupt', { file });
      const nameLength = lv.getUint16(26, true);
      const extraLength = lv.getUint16(28, true);
      const localName = await readExact(source, entry.localHeaderOffset + LOCAL_HEADER_SIZE, nameLength);
      if (!sameBytes(localName, raw.nameBytes)) fail('zip.corrupt', { file });
      const dataStart = entry.localHeaderOffset + LOCAL_HEADER_SIZE + nameLength + extraLength;
      if (dataStart + entry.compressedSize > it.dataLimit) fail('zip.corrupt', { file });

      // Output buffer sized by the declared size, which openZip already bounded by maxFileSize.
      const out = new Uint8Array(entry.size);
      let produced = 0;
      let consumed = 0;
      let crc = 0;

      const accept = (chunk: Uint8Array): void => {
        if (chunk.length === 0) return;
        const next = produced + chunk.length;
        producedTotal += chunk.length;
        if (next > entry.size || next > lim.maxFileSize) {
          fail('zip.fileTooLarge', { file, params: { limit: Math.min(entry.size, lim.maxFileSize) } });
        }
        if (producedTotal > lim.maxTotalSize) fail('zip.tooLarge', { file, params: { limit: lim.maxTotalSize } });
        if (next > RATIO_THRESHOLD && next > lim.maxRatio * consumed) {
          fail('zip.ratio', { file, params: { limit: lim.maxRatio } });
        }
        out.set(chunk, produced);
        if (checksum) crc = crc32(chunk, crc);
        produced = next;
      };

      let inflater: Inflate | undefined;
      if (entry.method === 8) {
        inflater = new Inflate();
        inflater.ondata = (chunk) => accept(chunk);
        if (entry.compressedSize === 0) fail('zip.corrupt', { file }); // not even an empty deflate stream
      }

      for (let pos = 0; pos < entry.compressedSize; ) {
        const length = Math.min(READ_CHUNK, entry.compressedSize - pos);
        const chunk = await readExact(source, dataStart + pos, length);
        pos += length;
        if (!inflater) {
          consumed += length;
          accept(chunk);
        } else {
          for (let s = 0; s < chunk.length; s += INFLATE_SLICE) {
            const slice = chunk.subarray(s, s + INFLATE_SLICE);
            consumed += slice.length;
            const last = pos === entry.compressedSize && s + INFLATE_SLICE >= chunk.length;
            try {
              inflater.push(slice, last);
            } catch (e) {
              if (e instanceof PackError) throw e;
              fail('zip.corrupt', { file }); // invalid deflate data or unexpected end
            }
          }
        }
        onProgress?.(produced);
      }

      if (produced !== entry.size) fail('zip.corrupt', { file });
      if (checksum && crc !== entry.crc32) fail('zip.checksum', { file });
      return out;
    });
  }

  // Callers get copies: read() never trusts fields they could have changed.
  return { entries: internals.map((it) => ({ ...it.entry })), read };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
