/**
 * A pack's SVG pictures carry no script, event handler, embedded page,
 * entity or link outside the picture: an SVG opened on its own runs its
 * scripts. A hostile one is refused by name and line, and nothing is stored.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PackError } from '../../src/core/base/problems';
import { createTranslator, formatProblem } from '../../src/core/i18n';
import { loadPack } from '../../src/core/pack/load';
import { svgDanger } from '../../src/core/pack/svg';
import { packFolderFiles } from '../../src/node/pack-folder';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SVGS = join(FIXTURES, 'svg');
const hostile = readdirSync(SVGS).filter((f) => f !== 'clean.svg');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The good test pack with one more picture in media/. */
function packWith(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qorgau-svg-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, 'packs/good'), dir, { recursive: true });
  writeFileSync(join(dir, 'media', name), readFileSync(join(SVGS, name)));
  return dir;
}

describe('SVG pictures in a pack', () => {
  it('a plain drawing (gradients, <use> of its own shapes, url(#…)) is taken as it is', async () => {
    expect(svgDanger(readFileSync(join(SVGS, 'clean.svg'), 'utf8'))).toBeUndefined();
    const stored: string[] = [];
    const pack = await loadPack(await packFolderFiles(packWith('clean.svg')), { media: { put: async (sha) => void stored.push(sha) } });
    expect(pack.media.map((m) => m.path)).toContain('media/clean.svg');
  });

  it('the built-in pack’s pictures are plain drawings', () => {
    for (const f of readdirSync('lessons/media').filter((n) => n.endsWith('.svg'))) expect(svgDanger(readFileSync(join('lessons/media', f), 'utf8')), f).toBeUndefined();
  });

  it.each(hostile)('%s is refused with its file and line, in every language, and nothing of it is stored', async (name) => {
    const stored: string[] = [];
    const error = await loadPack(await packFolderFiles(packWith(name)), { media: { put: async (sha) => void stored.push(sha) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    const problems = (error as PackError).problems.filter((p) => p.code === 'media.unsafeSvg');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `media/${name}`, line: expect.any(Number) });
    const danger = svgDanger(readFileSync(join(SVGS, name), 'utf8'));
    expect(stored.length).toBe((await packFolderFiles(join(FIXTURES, 'packs/good'))).files.filter((f) => f.path.startsWith('media/')).length);
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const message = formatProblem(createTranslator(lang), problems[0]!);
      expect(message).toContain(`media/${name}`);
      expect(message).toContain(danger?.what ?? '?');
    }
  });
});
