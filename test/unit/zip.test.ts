import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { PackError } from '../../src/core/base/problems';
import type { Problem, ProblemCode } from '../../src/core/base/problems';
import { blobSource, bytesSource, crc32, openZip } from '../../src/core/pack/zip';
import type { ByteSource, ZipLimits, ZipReader } from '../../src/core/pack/zip';
import { FIXTURE_DIR, buildZip, concat, deflated, noise, patchEntry, set, stored, zipFixed } from '../../scripts/make-zip-fixtures';

const MiB = 1024 * 1024;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

/** Runs `fn`, expects a PackError, returns its problems. */
async function problemsOf(fn: () => Promise<unknown>): Promise<Problem[]> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof PackError) return e.problems;
    throw new Error(`expected a PackError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected a PackError, got success');
}

async function openProblems(bytes: Uint8Array, limits?: Partial<ZipLimits>): Promise<Problem[]> {
  return problemsOf(() => openZip(bytesSource(bytes), limits));
}

async function readProblems(bytes: Uint8Array, path: string, limits?: Partial<ZipLimits>): Promise<Problem[]> {
  const zip = await openZip(bytesSource(bytes), limits);
  const entry = zip.entries.find((e) => e.path === path);
  if (!entry) throw new Error(`no entry ${path}`);
  return problemsOf(() => zip.read(entry));
}

function expectProblem(problems: Problem[], code: ProblemCode, file?: string): void {
  expect(problems.length).toBeGreaterThan(0);
  expect(problems[0]!.code).toBe(code);
  if (file !== undefined) expect(problems[0]!.file).toBe(file);
}

/** Text-like bytes that compress the way real text does (a few to one), not absurdly. */
function prose(length: number): Uint8Array {
  const words = ['қауіпсіздік', 'интернет', 'құпиясөз', 'дос', 'privacy', 'safe', 'online', 'сабақ', 'бала', 'and'];
  const r = noise(length, 11);
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < length; i++) {
    const w = words[r[i % r.length]! % words.length]!;
    parts.push(w);
    n += w.length + 1;
  }
  return strToU8(parts.join(' ')).subarray(0, length);
}

/** Byte equality without vitest's element-by-element diffing, which is very slow on megabytes. */
function expectBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual!.length).toBe(expected.length);
  expect(Buffer.compare(actual!, expected)).toBe(0);
}

async function readAll(zip: ZipReader): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const e of zip.entries) out.set(e.path, await zip.read(e));
  return out;
}

describe('openZip refuses hostile archives before decompressing anything', () => {
  it.each([
    ['traversal.qpack', '../evil.md'],
    ['absolute.qpack', '/etc/evil.md'],
    ['backslash.qpack', 'lessons\\a\\kk.md'],
    ['drive-letter.qpack', 'C:/evil.md'],
  ])('%s: zip.unsafePath', async (name, path) => {
    const problems = await openProblems(fixture(name));
    expectProblem(problems, 'zip.unsafePath', path);
    expect(problems[0]!.params).toEqual({ name: path });
  });

  it('symlink.qpack: zip.symlink', async () => {
    expectProblem(await openProblems(fixture('symlink.qpack')), 'zip.symlink', 'lessons/link.md');
  });

  it('duplicate-case.qpack: zip.duplicateEntry (a.md vs A.md)', async () => {
    const problems = await openProblems(fixture('duplicate-case.qpack'));
    expectProblem(problems, 'zip.duplicateEntry', 'lessons/A.md');
    expect(problems[0]!.params).toEqual({ name: 'lessons/a.md' });
  });

  it('duplicate-exact.qpack: zip.duplicateEntry', async () => {
    expectProblem(await openProblems(fixture('duplicate-exact.qpack')), 'zip.duplicateEntry', 'lessons/a.md');
  });

  it('encrypted.qpack: zip.encrypted', async () => {
    expectProblem(await openProblems(fixture('encrypted.qpack')), 'zip.encrypted', 'lessons/secret.md');
  });

  it('unsupported-method.qpack: zip.unsupportedMethod', async () => {
    const problems = await openProblems(fixture('unsupported-method.qpack'));
    expectProblem(problems, 'zip.unsupportedMethod', 'lessons/a.md');
    expect(problems[0]!.params).toEqual({ method: 14 });
  });

  it('too-many-entries.qpack: zip.tooManyEntries', async () => {
    const problems = await openProblems(fixture('too-many-entries.qpack'), { maxEntries: 1000 });
    expect(problems).toEqual([{ code: 'zip.tooManyEntries', params: { limit: 1000 } }]);
    // and the same archive is fine one entry later
    const zip = await openZip(bytesSource(fixture('too-many-entries.qpack')), { maxEntries: 1001 });
    expect(zip.entries).toHaveLength(1001);
  });

  it('ratio-bomb.qpack: zip.ratio from the declared sizes', async () => {
    expectProblem(await openProblems(fixture('ratio-bomb.qpack')), 'zip.ratio', 'media/zeros.bin');
  });

  it('not-a-zip.qpack: zip.notZip', async () => {
    expectProblem(await openProblems(fixture('not-a-zip.qpack')), 'zip.notZip');
  });

  it('truncated.qpack: zip.corrupt (starts like a zip, has no end)', async () => {
    expectProblem(await openProblems(fixture('truncated.qpack')), 'zip.corrupt');
  });

  it('refuses declared sizes over maxFileSize and maxTotalSize', async () => {
    const bytes = zipFixed({ 'a.bin': [noise(3000), { level: 0 }], 'b.bin': [noise(3000, 7), { level: 0 }] });
    expectProblem(await openProblems(bytes, { maxFileSize: 2999 }), 'zip.fileTooLarge', 'a.bin');
    expect((await openProblems(bytes, { maxFileSize: 2999 }))[0]!.params).toEqual({ limit: 2999 });
    expect(await openProblems(bytes, { maxTotalSize: 5999 })).toEqual([{ code: 'zip.tooLarge', params: { limit: 5999 } }]);
    await expect(openZip(bytesSource(bytes), { maxFileSize: 3000, maxTotalSize: 6000 })).resolves.toBeDefined();
  });

  it.each([
    ['control character', 'lessons/a\u0007.md', 'lessons/a\\u0007.md'],
    ['NUL', 'a\u0000.md', 'a\\u0000.md'],
    ['empty segment', 'lessons//a.md', 'lessons//a.md'],
    ['dot segment', 'lessons/./a.md', 'lessons/./a.md'],
    ['inner ..', 'lessons/../../a.md', 'lessons/../../a.md'],
    ['alternate data stream', 'a.md:hidden', 'a.md:hidden'],
    ['lower-case drive', 'c:evil.md', 'c:evil.md'],
  ])('zip.unsafePath: %s', async (_label, name, shown) => {
    const problems = await openProblems(buildZip([stored('ok.md', strToU8('ok')), stored(name, strToU8('x'))]));
    expectProblem(problems, 'zip.unsafePath', shown);
  });

  it('zip.unsafePath: a name that is not UTF-8', async () => {
    // "ab.md" with the "b" replaced by a lone continuation byte
    const bytes = buildZip([stored('ab.md', strToU8('x'))]);
    const at = bytes.lastIndexOf(0x62); // the central directory copy of "b"
    bytes[at] = 0x80;
    const problems = await openProblems(bytes);
    expect(problems[0]!.code).toBe('zip.unsafePath');
    expect(problems[0]!.file).toBeUndefined();
    expect(problems[0]!.params).toEqual({ name: 'a\ufffd.md' });
  });

  it('zip.unsafePath for unsafe folder entries too', async () => {
    expectProblem(await openProblems(buildZip([stored('../x/', new Uint8Array(0))])), 'zip.unsafePath', '../x/');
  });

  it('zip.duplicateEntry when a file is also a folder of another file', async () => {
    const problems = await openProblems(buildZip([stored('lessons', strToU8('x')), stored('Lessons/a.md', strToU8('y'))]));
    expectProblem(problems, 'zip.duplicateEntry', 'Lessons/a.md');
  });

  it('zip.duplicateEntry across Unicode normalisation forms', async () => {
    const nfc = 'й.md'.normalize('NFC');
    const nfd = 'Й.md'.normalize('NFD');
    expectProblem(await openProblems(buildZip([stored(nfc, strToU8('1')), stored(nfd, strToU8('2'))])), 'zip.duplicateEntry', nfd);
  });

  it('reports every bad entry at once', async () => {
    const problems = await openProblems(
      buildZip([stored('../a.md', strToU8('1')), stored('ok.md', strToU8('2')), stored('b.md', strToU8('3'), { flags: 1 })]),
    );
    expect(problems.map((p) => p.code)).toEqual(['zip.unsafePath', 'zip.encrypted']);
  });

  it('zip.symlink only for unix hosts', async () => {
    const link = (versionMadeBy: number) =>
      buildZip([stored('l.md', strToU8('/etc/passwd'), { versionMadeBy, externalAttrs: (0o120777 << 16) >>> 0 })]);
    expectProblem(await openProblems(link((3 << 8) | 20)), 'zip.symlink', 'l.md');
    // The same bits from an MS-DOS host mean nothing.
    await expect(openZip(bytesSource(link(20)))).resolves.toBeDefined();
  });
});

describe('openZip on malformed structure', () => {
  const good = zipFixed({ 'pack.yaml': strToU8('id: x\n'), 'lessons/kk.md': strToU8('# Сәлем\n'.repeat(50)) });

  it('never throws anything but a PackError for any truncation or single-byte corruption of the end', async () => {
    for (let n = 0; n < good.length; n++) {
      const problems = await openProblems(good.subarray(0, n));
      expect(['zip.notZip', 'zip.corrupt']).toContain(problems[0]!.code);
    }
    // Flip every byte of the central directory and EOCD in turn: either it still opens
    // (the byte did not matter) and reads, or it fails with a PackError.
    const cdStart = new DataView(good.buffer).getUint32(good.length - 6, true);
    for (let i = cdStart; i < good.length; i++) {
      const bad = good.slice();
      bad[i] = bad[i]! ^ 0xff;
      try {
        const zip = await openZip(bytesSource(bad));
        for (const e of zip.entries) await zip.read(e).catch((err: unknown) => expect(err).toBeInstanceOf(PackError));
      } catch (e) {
        expect(e).toBeInstanceOf(PackError);
      }
    }
  });

  it('zip.notZip for empty and tiny sources', async () => {
    expectProblem(await openProblems(new Uint8Array(0)), 'zip.notZip');
    expectProblem(await openProblems(strToU8('PK')), 'zip.notZip');
  });

  it('ignores an EOCD signature that does not end the file (junk after the archive)', async () => {
    expectProblem(await openProblems(concat([good, strToU8('trailing junk')])), 'zip.corrupt');
  });

  it('zip.corrupt when offsets point outside the archive', async () => {
    const bad = patchEntry(good, 1, (h) => h.dv.setUint32(h.central + 42, 0x7fffffff, true));
    expectProblem(await openProblems(bad), 'zip.corrupt');
  });

  it('zip.corrupt when two entries share their data (overlapping zip bombs)', async () => {
    const bad = patchEntry(good, 1, (h) => h.dv.setUint32(h.central + 42, 0, true));
    expectProblem(await openProblems(bad), 'zip.corrupt');
  });

  it('zip.tooManyEntries is decided from the end record, before the directory is read', async () => {
    let reads = 0;
    const src = bytesSource(fixture('too-many-entries.qpack'));
    const counting: ByteSource = {
      size: src.size,
      read: (o, l) => {
        reads += l;
        return src.read(o, l);
      },
    };
    await problemsOf(() => openZip(counting, { maxEntries: 10 }));
    expect(reads).toBeLessThan(70 * 1024); // the 64 KiB tail, not the 84 KB archive's directory on top
  });

  it('passes I/O errors from the source through unchanged', async () => {
    const failing: ByteSource = { size: 1000, read: () => Promise.reject(new Error('USB stick removed')) };
    await expect(openZip(failing)).rejects.toThrow('USB stick removed');
  });
});

describe('reading entries', () => {
  const files: Record<string, Uint8Array> = {
    'pack.yaml': strToU8('format: 1\nid: qauipsizdik\n'),
    'lessons/қауіпсіздік/kk.md': strToU8('# Интернеттегі қауіпсіздік\n\nҚұпиясөзді ешкімге айтпа.\n'.repeat(300)),
    'lessons/қауіпсіздік/ru.md': strToU8('# Безопасность в интернете\n'.repeat(300)),
    'lessons/privacy/en.md': strToU8('# Privacy\n'),
    'media/images/photo.bin': noise(200_000, 42),
    'media/empty.txt': new Uint8Array(0),
    'media/big-text.txt': prose(3 * MiB),
  };

  function goodZip(): Uint8Array {
    return zipFixed({
      'pack.yaml': files['pack.yaml']!,
      lessons: {
        қауіпсіздік: { 'kk.md': files['lessons/қауіпсіздік/kk.md']!, 'ru.md': [files['lessons/қауіпсіздік/ru.md']!, { level: 0 }] },
        privacy: { 'en.md': [files['lessons/privacy/en.md']!, { level: 9 }] },
      },
      media: {
        images: { 'photo.bin': [files['media/images/photo.bin']!, { level: 0 }] },
        'empty.txt': files['media/empty.txt']!,
        'big-text.txt': files['media/big-text.txt']!,
      },
    });
  }

  it('reads a good archive back byte-identical, without folder entries', async () => {
    const zip = await openZip(bytesSource(goodZip()));
    expect(zip.entries.map((e) => e.path).sort()).toEqual(Object.keys(files).sort());
    expect(new Set(zip.entries.map((e) => e.method))).toEqual(new Set([0, 8]));
    const got = await readAll(zip);
    for (const [path, bytes] of Object.entries(files)) expectBytes(got.get(path), bytes);
  });

  it('reads from a Blob the same way', async () => {
    const zip = await openZip(blobSource(new Blob([goodZip()])));
    const got = await readAll(zip);
    for (const [path, bytes] of Object.entries(files)) expectBytes(got.get(path), bytes);
  });

  it('reads from a Blob through a small read-ahead window, where entries straddle its edges', async () => {
    const zip = await openZip(blobSource(new Blob([goodZip()]), 1000));
    const got = await readAll(zip);
    for (const [path, bytes] of Object.entries(files)) expectBytes(got.get(path), bytes);
  });

  it('computes CRC-32 as every zip tool does, in one go or in pieces', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    const data = noise(100_003);
    expect(crc32(data.subarray(50_001), crc32(data.subarray(0, 50_001)))).toBe(crc32(data));
  });

  it('reports progress', async () => {
    const zip = await openZip(bytesSource(goodZip()));
    const big = zip.entries.find((e) => e.path === 'media/big-text.txt')!;
    const seen: number[] = [];
    await zip.read(big, (n) => seen.push(n));
    expect(seen.at(-1)).toBe(big.size);
  });

  it('reads ZIP64 archives', async () => {
    const zip = await openZip(bytesSource(fixture('zip64.qpack')));
    expect(zip.entries.map((e) => e.path)).toEqual(['pack.yaml', 'lessons/қауіпсіздік/kk.md']);
    const got = await readAll(zip);
    expect(new TextDecoder().decode(got.get('lessons/қауіпсіздік/kk.md'))).toMatch(/^# Қауіпсіздік/);
  });

  it('works from its own copy of an entry, not fields the caller changed', async () => {
    const zip = await openZip(bytesSource(goodZip()));
    const entry = zip.entries.find((e) => e.path === 'lessons/privacy/en.md')!;
    entry.size = 1e12;
    entry.compressedSize = 1e12;
    expectBytes(await zip.read(entry), files['lessons/privacy/en.md']!);
    await expect(zip.read({ ...entry, localHeaderOffset: 1 })).rejects.toBeInstanceOf(PackError);
  });

  it('bad-crc.qpack: zip.checksum', async () => {
    expectProblem(await readProblems(fixture('bad-crc.qpack'), 'lessons/kk.md'), 'zip.checksum', 'lessons/kk.md');
  });

  it('truncated-deflate.qpack: zip.corrupt', async () => {
    expectProblem(await readProblems(fixture('truncated-deflate.qpack'), 'lessons/kk.md'), 'zip.corrupt', 'lessons/kk.md');
  });

  it('zip.corrupt when the local header disagrees with the central directory', async () => {
    const bytes = zipFixed({ 'a.md': strToU8('hello') });
    const renamed = patchEntry(bytes, 0, (h) => h.dv.setUint8(h.local + 30, 0x62)); // local name "b.md"
    expectProblem(await readProblems(renamed, 'a.md'), 'zip.corrupt', 'a.md');
    const encrypted = patchEntry(bytes, 0, (h) => h.dv.setUint16(h.local + 6, 1, true));
    expectProblem(await readProblems(encrypted, 'a.md'), 'zip.encrypted', 'a.md');
  });

  it('zip.corrupt for garbage deflate data', async () => {
    const data = noise(5000, 3);
    const bytes = buildZip([{ name: 'x.md', data, method: 8, crc: crc32(data), size: 5000 }]);
    expectProblem(await readProblems(bytes, 'x.md'), 'zip.corrupt', 'x.md');
  });

  it('zip.corrupt when the data inflates to less than declared', async () => {
    const data = strToU8('short');
    const bytes = buildZip([{ name: 'x.md', data: deflateSync(data), method: 8, crc: crc32(data), size: 6 }]);
    expectProblem(await readProblems(bytes, 'x.md'), 'zip.corrupt', 'x.md');
  });

  it('zip.tooLarge once all reads on a reader pass maxTotalSize', async () => {
    const bytes = zipFixed({ 'a.bin': [noise(3000), { level: 0 }], 'b.bin': noise(3000, 5) });
    const zip = await openZip(bytesSource(bytes), { maxTotalSize: 6000 });
    await readAll(zip);
    const again = await problemsOf(() => zip.read(zip.entries[0]!));
    expect(again).toEqual([{ code: 'zip.tooLarge', file: 'a.bin', params: { limit: 6000 } }]);
  });
});

describe('zip bombs are abandoned without filling memory', () => {
  it('zip-bomb.qpack (300 MiB of zeros declared as 10 KiB): zip.fileTooLarge while inflating', async () => {
    const bytes = fixture('zip-bomb.qpack');
    const zip = await openZip(bytesSource(bytes));
    const bomb = zip.entries.find((e) => e.path === 'lessons/bomb.md')!;
    expect(bomb.size).toBe(10 * 1024);

    const before = process.memoryUsage();
    let peak = 0;
    const problems = await problemsOf(() => zip.read(bomb, (n) => (peak = Math.max(peak, n))));
    const after = process.memoryUsage();

    expect(problems).toEqual([{ code: 'zip.fileTooLarge', file: 'lessons/bomb.md', params: { limit: 10 * 1024 } }]);
    expect(peak).toBeLessThanOrEqual(10 * 1024);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(100 * MiB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(100 * MiB);
  });

  it('zip-bomb.qpack with raised limits still stops at the declared size', async () => {
    const zip = await openZip(bytesSource(fixture('zip-bomb.qpack')), { maxFileSize: 1024 * MiB, maxRatio: 1e9 });
    const bomb = zip.entries.find((e) => e.path === 'lessons/bomb.md')!;
    expectProblem(await problemsOf(() => zip.read(bomb)), 'zip.fileTooLarge', 'lessons/bomb.md');
  });

  it('ratio-stream.qpack (honest headers, front-loaded zeros): zip.ratio while inflating', async () => {
    const zip = await openZip(bytesSource(fixture('ratio-stream.qpack')));
    const entry = zip.entries.find((e) => e.path === 'media/front-loaded.bin')!;
    expect(entry.size / entry.compressedSize).toBeLessThan(100);
    const problems = await problemsOf(() => zip.read(entry));
    expect(problems).toEqual([{ code: 'zip.ratio', file: 'media/front-loaded.bin', params: { limit: 100 } }]);
    // With a generous ratio it reads back fine.
    const lenient = await openZip(bytesSource(fixture('ratio-stream.qpack')), { maxRatio: 100_000 });
    const data = await lenient.read(lenient.entries.find((e) => e.path === 'media/front-loaded.bin')!);
    expect(data.length).toBe(10 * MiB);
  });

  it('ratio-bomb.qpack with declared checks relaxed: stopped at maxFileSize while inflating', async () => {
    const bytes = fixture('ratio-bomb.qpack');
    // Lie about the size (honestly 200 MiB) to get past the declared checks.
    const lying = patchEntry(bytes, 1, (h) => set.size(h, 20 * MiB));
    const zip = await openZip(bytesSource(lying), { maxRatio: 1e9 });
    const entry = zip.entries.find((e) => e.path === 'media/zeros.bin')!;
    const before = process.memoryUsage().arrayBuffers;
    expectProblem(await problemsOf(() => zip.read(entry)), 'zip.fileTooLarge', 'media/zeros.bin');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * MiB);
  });

  it('a small deflated entry with a high ratio under 1 MiB is fine', async () => {
    const zeros = new Uint8Array(900 * 1024);
    const zip = await openZip(bytesSource(buildZip([deflated('z.bin', zeros)])));
    expectBytes(await zip.read(zip.entries[0]!), zeros);
  });
});
