/**
 * Generates a large .qpack with the real pack builder: `lessons` lesson
 * folders (English, made from the real English lessons) and `images` .png
 * files of random bytes (media are not decoded on import, so random bytes are
 * as good as pictures and do not compress). Runs in Node through Vite's module
 * runner (scripts/bench.mjs), or in a browser.
 */
import { buildQpack } from '../src/core/pack/build';
import { SOURCE_LESSONS } from './corpus';

export interface BenchPackOptions {
  id: string;
  lessons: number;
  images: number;
  imageBytes: number;
}

export function imageName(i: number): string {
  return `media/img-${String(i).padStart(4, '0')}.png`;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(n, at + 65536)));
  return bytes;
}

export async function makeBenchPack(o: BenchPackOptions): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const sources = SOURCE_LESSONS.filter((l) => l.lang === 'en');
  const files: { path: string; bytes: Uint8Array }[] = [];
  files.push({
    path: 'pack.yaml',
    bytes: enc.encode(
      [
        'formatVersion: 1',
        `id: ${o.id}`,
        'version: 1.0.0',
        'languages: [en]',
        'title:',
        `  en: Benchmark pack (${o.lessons} lessons, ${o.images} images)`,
        'ageBands: ["10-12", "13-15"]',
        'publisher: Qorgau benchmark',
        'licence: CC-BY-4.0',
        '',
      ].join('\n'),
    ),
  });
  for (let i = 0; i < o.lessons; i++) {
    const src = sources[i % sources.length]!;
    const id = `bench-lesson-${String(i).padStart(4, '0')}`;
    const image = imageName(i % o.images);
    const text = src.text
      .replace(/^id: .*$/m, `id: ${id}`)
      .replace(/^order: .*$/m, `order: ${i}`)
      .replace(/\]\(media\/[^)\s]+\)/g, `](${image})`);
    files.push({ path: `lessons/${id}/en.md`, bytes: enc.encode(text) });
  }
  for (let i = 0; i < o.images; i++) files.push({ path: imageName(i), bytes: randomBytes(o.imageBytes) });
  return buildQpack(files);
}
