/**
 * The built-in pack's content rules (../shared/CONTENT.md, docs/glossary.yaml):
 * the same lesson in every language, one vocabulary, real Kazakh, Russian that
 * speaks to every child, no help number typed into a scenario, the intimate-image
 * exception wherever evidence is taught, a disclosure protocol in every
 * sensitive lesson, and a complete set of materials for every lesson and age band.
 * Each failure names the file and, where it can, the line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPack } from '../../src/core/pack/load';
import { packFolderFiles } from '../../src/node/pack-folder';

const ROOT = 'lessons';
const pack = await loadPack(await packFolderFiles(ROOT));
const LANGS = pack.meta.languages;
const read = (path: string) => readFileSync(`${ROOT}/${path}`, 'utf8');

/** A piece of text in one language, with where it comes from. */
interface Text {
  file: string;
  line: number;
  lang: string;
  text: string;
}

/** Every line of a Markdown file (front matter included), in its language. */
function markdownTexts(path: string, lang: string): Text[] {
  return read(path)
    .split(/\r?\n/)
    .map((text, i) => ({ file: path, line: i + 1, lang, text }));
}

/** Every per-language string of a YAML file (objects with kk/ru/en keys), with the line it starts on. */
function yamlTexts(path: string): Text[] {
  const source = read(path);
  const lines = source.split(/\r?\n/);
  const out: Text[] = [];
  const lineOf = (s: string) => {
    const probe = s.split('\n')[0]?.slice(0, 30) ?? '';
    const i = lines.findIndex((l) => l.includes(probe));
    return i + 1;
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if ((LANGS as string[]).includes(key) && typeof value === 'string') out.push({ file: path, line: lineOf(value), lang: key, text: value });
      else walk(value);
    }
  };
  walk(parse(source));
  return out;
}

const lessonFiles = pack.lessons.map((l) => ({ path: l.path, lang: l.lang, id: l.lessonId }));
const worksheetFiles = pack.worksheets.map((w) => ({ path: w.path, lang: w.lang, id: w.worksheetId }));
const markdown = [...lessonFiles, ...worksheetFiles];
const yamlFiles = [...pack.scenarios.map((s) => s.path), ...pack.quizzes.map((q) => q.path)];
const allTexts: Text[] = [...markdown.flatMap((f) => markdownTexts(f.path, f.lang)), ...yamlFiles.flatMap(yamlTexts)];
const textsIn = (lang: string) => allTexts.filter((t) => t.lang === lang);
const where = (t: Text) => `${t.file}:${t.line}`;

/** The shape of a Markdown file: headings, slide breaks, blocks, images and ticked boxes, in order. */
function shape(path: string): string[] {
  const body = read(path).replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const out: string[] = [];
  let fenced = false;
  let previous = '';
  for (const line of body.split(/\r?\n/)) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^(#{1,6})\s/.exec(line);
    if (heading) out.push(`h${heading[1]?.length}`);
    else if (/^(---|\*\*\*|___)\s*$/.test(line) && previous.trim() === '') out.push('break');
    else if (/^:::\s*$/.test(line)) out.push('end');
    else if (/^:::/.test(line)) out.push(`:::${/^:::(\S+)/.exec(line)?.[1]}`);
    for (const m of line.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) out.push(`image ${m[1]}`);
    const box = /^\s*[-*] \[([ xX])\]/.exec(line);
    if (box) out.push(box[1] === ' ' ? '[ ]' : '[x]');
    previous = line;
  }
  return out;
}

const byId = <T extends { id: string }>(files: T[]) => {
  const map = new Map<string, T[]>();
  for (const f of files) map.set(f.id, [...(map.get(f.id) ?? []), f]);
  return map;
};

describe('every lesson, worksheet and letter is the same in every language', () => {
  it('the same headings, slide breaks, blocks, images and answers, in the same order', () => {
    const mismatches: string[] = [];
    for (const [id, files] of byId(markdown)) {
      expect(files.map((f) => f.lang).sort(), id).toEqual([...LANGS].sort());
      const [first, ...rest] = files;
      if (!first) continue;
      const reference = shape(first.path);
      for (const f of rest) {
        const other = shape(f.path);
        const at = reference.findIndex((token, i) => token !== other[i]);
        if (at !== -1 || reference.length !== other.length) {
          const i = at === -1 ? Math.min(reference.length, other.length) : at;
          mismatches.push(`${f.path} differs from ${first.path} at item ${i + 1}: ${other[i] ?? '(end)'} vs ${reference[i] ?? '(end)'}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the same id, topic, age bands, length and order, and as many objectives and words', () => {
    for (const id of new Set(pack.lessons.map((l) => l.lessonId))) {
      const versions = pack.lessons.filter((l) => l.lessonId === id);
      const facts = versions.map((l) => ({
        topic: l.meta.topic,
        ageBands: l.meta.ageBands,
        minutes: l.meta.minutes,
        order: l.meta.order,
        objectives: l.meta.objectives.length,
        vocabulary: l.meta.vocabulary.length,
      }));
      for (const f of facts.slice(1)) expect(f, `${id}: ${versions.map((v) => v.path).join(', ')}`).toEqual(facts[0]);
    }
  });
});

interface GlossaryTerm {
  id: string;
  use: Record<string, string>;
  avoid?: Record<string, string[]>;
}
const glossary = parse(readFileSync('docs/glossary.yaml', 'utf8')) as { terms: GlossaryTerm[] };

describe('one vocabulary (docs/glossary.yaml)', () => {
  it('every concept has one term in each language, and its words to avoid are valid patterns', () => {
    const ids = glossary.terms.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const term of glossary.terms) {
      expect(Object.keys(term.use).sort(), term.id).toEqual([...LANGS].sort());
      for (const patterns of Object.values(term.avoid ?? {})) for (const p of patterns) expect(() => new RegExp(p, 'iu')).not.toThrow();
    }
  });

  it('no text uses a word the glossary replaces', () => {
    const found: string[] = [];
    for (const term of glossary.terms) {
      for (const [lang, patterns] of Object.entries(term.avoid ?? {})) {
        for (const pattern of patterns) {
          const re = new RegExp(pattern, 'iu');
          for (const t of textsIn(lang)) {
            const m = re.exec(t.text);
            if (m) found.push(`${where(t)}: «${m[0]}» — the glossary says «${term.use[lang]}» (${term.id})`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('language', () => {
  const KAZAKH = new Set('әғқңөұүһі');
  const kazakhShare = (text: string) => {
    const cyrillic = [...text.toLowerCase()].filter((c) => c >= '\u0400' && c <= '\u04ff');
    return { letters: cyrillic.length, share: cyrillic.filter((c) => KAZAKH.has(c)).length / Math.max(1, cyrillic.length) };
  };

  it('Kazakh texts read as Kazakh: Kazakh-specific letters make at least 9% of their Cyrillic letters', () => {
    const files = new Map<string, string>();
    for (const t of textsIn('kk')) files.set(t.file, `${files.get(t.file) ?? ''}\n${t.text}`);
    const low: string[] = [];
    for (const [file, text] of files) {
      const { letters, share } = kazakhShare(text);
      if (letters >= 200 && share < 0.09) low.push(`${file}: ${(share * 100).toFixed(1)}%`);
    }
    expect(files.size).toBeGreaterThan(0);
    expect(low).toEqual([]);
  });

  it('Russian texts address every pupil without slash-gender forms such as «видел(а)» or «один (одна)»', () => {
    const slash = /[а-яё]\((а|ла|ая|ой|на|ен|ён)\)|\((одна|одной|сама|рада|готова)\)|[а-яё]\/(а|ла|ая|на)\b/iu;
    const found = textsIn('ru').filter((t) => slash.test(t.text)).map((t) => `${where(t)}: ${slash.exec(t.text)?.[0]}`);
    expect(found).toEqual([]);
  });
});

describe('safety', () => {
  it('no help number is typed into a scenario: the app appends the pack’s help list', () => {
    const numbers = (pack.meta.help ?? []).map((h) => h.phone);
    expect(numbers.sort()).toEqual(['102', '111', '112', '150']);
    const typed = new RegExp(`(^|[^0-9.-])(${numbers.join('|')})([^0-9]|$)`);
    const found: string[] = [];
    for (const { path } of pack.scenarios) {
      read(path)
        .split(/\r?\n/)
        .forEach((line, i) => {
          if (typed.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('every help number says what it is for, in every language', () => {
    for (const h of pack.meta.help ?? []) {
      for (const lang of LANGS) expect(h.name[lang]?.trim(), `${h.phone} ${lang}`).toBeTruthy();
    }
  });

  it('wherever evidence is taught, the intimate-image exception is there too', () => {
    const SCREENSHOT: Record<string, RegExp> = { kk: /скриншот/iu, ru: /скриншот/iu, en: /screenshot/iu };
    const INTIMATE: Record<string, RegExp> = { kk: /интим/iu, ru: /интим/iu, en: /intimate/iu };
    const files = new Map<string, { lang: string; text: string }[]>();
    for (const t of allTexts) files.set(`${t.file} ${t.lang}`, [...(files.get(`${t.file} ${t.lang}`) ?? []), t]);
    const missing: string[] = [];
    for (const [key, texts] of files) {
      const lang = texts[0]?.lang ?? '';
      const all = texts.map((t) => t.text).join('\n');
      if (SCREENSHOT[lang]?.test(all) && !INTIMATE[lang]?.test(all)) missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  const SENSITIVE = new Set(['cyberbullying', 'harmful-content', 'grooming', 'image-sharing', 'getting-help', 'relationships', 'ai']);
  const PROTOCOL_TITLE: Record<string, string> = {
    kk: ':::teacher Егер оқушы бір нәрсе айтса',
    ru: ':::teacher Если ученик чем-то поделится',
    en: ':::teacher If a pupil tells you something',
  };
  const PSYCHOLOGIST: Record<string, RegExp> = { kk: /психолог/iu, ru: /психолог/iu, en: /psychologist/iu };

  it('every lesson on a sensitive topic has the disclosure protocol for the teacher, with who to call', () => {
    const missing: string[] = [];
    for (const lesson of pack.lessons.filter((l) => SENSITIVE.has(l.meta.topic))) {
      const source = read(lesson.path);
      const start = source.indexOf(PROTOCOL_TITLE[lesson.lang] ?? '\0');
      if (start === -1) {
        missing.push(`${lesson.path}: no block «${PROTOCOL_TITLE[lesson.lang]}»`);
        continue;
      }
      const block = source.slice(start, source.indexOf('\n:::', start + 4));
      for (const need of [/\b150\b/, /\b112\b/, PSYCHOLOGIST[lesson.lang] ?? /$^/]) {
        if (!need.test(block)) missing.push(`${lesson.path}: the protocol block does not mention ${need.source}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('a complete set for every lesson, and lessons for every age', () => {
  const lessonIds = [...new Set(pack.lessons.map((l) => l.lessonId))];

  it.each(lessonIds)('%s has a picture, a worksheet with answers, a family letter, a quiz of 5 to 8 questions and a scenario', (id) => {
    for (const lesson of pack.lessons.filter((l) => l.lessonId === id)) {
      expect(lesson.body, `${lesson.path} has no picture`).toMatch(/!\[[^\]]+\]\(media\/[^)]+\)/);
    }
    const sheets = pack.worksheets.filter((w) => w.worksheet.lesson === id);
    expect(sheets.some((w) => w.worksheet.kind === 'worksheet'), `${id}: worksheet`).toBe(true);
    expect(sheets.some((w) => w.worksheet.kind === 'family-letter'), `${id}: family letter`).toBe(true);
    const quizzes = pack.quizzes.filter((q) => q.quiz.lesson === id);
    expect(quizzes.length, `${id}: quiz`).toBeGreaterThan(0);
    for (const q of quizzes) {
      expect(q.quiz.questions.length, q.path).toBeGreaterThanOrEqual(5);
      expect(q.quiz.questions.length, q.path).toBeLessThanOrEqual(8);
    }
    const lesson = pack.lessons.find((l) => l.lessonId === id);
    const scenarios = pack.scenarios.filter(
      (s) => s.scenario.topic === lesson?.meta.topic && s.scenario.ageBands.some((b) => lesson?.meta.ageBands.includes(b)),
    );
    expect(scenarios.length, `${id}: a scenario on ${lesson?.meta.topic} for its ages`).toBeGreaterThan(0);
  });

  it('a teacher of any grade from 1 to 11 finds at least two lessons for their class', () => {
    const perBand = Object.fromEntries(['6-9', '10-12', '13-15', '16-18'].map((band) => [band, lessonIds.filter((id) => pack.lessons.find((l) => l.lessonId === id)?.meta.ageBands.includes(band as never)).length]));
    for (const [band, count] of Object.entries(perBand)) expect(count, `lessons for ${band}`).toBeGreaterThanOrEqual(2);
    expect(pack.meta.ageBands.sort()).toEqual(['10-12', '13-15', '16-18', '6-9']);
  });
});
