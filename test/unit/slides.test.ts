/**
 * A lesson as slides for the projector (docs/pack-format.md, "Slides"): the
 * built-in lessons in kk, ru and en, and each split rule on a small lesson.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activityMinutes, checkBlocks } from '../../src/core/markdown/blocks';
import { createLessonRenderer, plainText } from '../../src/core/markdown/render';
import { inlineText, lessonSlides, notesMarkdown, type Slide } from '../../src/core/markdown/slides';
import { loadPack } from '../../src/core/pack/load';
import { packFolderFiles } from '../../src/node/pack-folder';

const pack = await loadPack(await packFolderFiles('lessons'));

const LABELS = { tip: 'Tip', warning: 'Warning', question: "Let's discuss", activity: 'Activity', teacher: "Teacher's note" };
const render = (audience: 'pupil' | 'teacher') => createLessonRenderer({ audience, labels: LABELS, resolveImage: (src) => `blob:${src}` });

/** The teacher blocks of a lesson, read from its lines: title and plain text. */
function teacherBlocks(body: string): { title: string; text: string }[] {
  const blocks: { title: string; text: string }[] = [];
  const lines = body.split('\n');
  lines.forEach((line, i) => {
    const open = /^:::teacher\b[ \t]*(.*)$/.exec(line);
    if (!open) return;
    const end = lines.findIndex((l, j) => j > i && /^:::\s*$/.test(l));
    blocks.push({ title: (open[1] ?? '').trim(), text: plainText(lines.slice(i + 1, end).join('\n')) });
  });
  return blocks;
}

/** The words of a slide as a pupil sees them on the projector. */
const slideText = (slide: Slide) => [slide.title, ...slide.objectives, plainText(slide.body)].join(' ');

describe('the built-in lessons as slides', () => {
  const lessons = pack.lessons;

  it('there are lessons in kk, ru and en to split', () => {
    expect(new Set(lessons.map((l) => l.lang))).toEqual(new Set(['kk', 'ru', 'en']));
    expect(lessons.length).toBeGreaterThanOrEqual(12);
  });

  for (const lesson of pack.lessons) {
    describe(`${lesson.lessonId} (${lesson.lang})`, () => {
      const slides = lessonSlides(lesson.body, lesson.meta);
      const lines = lesson.body.split('\n');
      const headings = lines.filter((l) => /^##? /.test(l)).slice(1).map((l) => l.replace(/^##? /, '').trim());
      const notes = teacherBlocks(lesson.body);

      it('a title slide with the objectives, then one slide or more per ## heading, each titled with its heading', () => {
        expect(lines.find((l) => l.trim())).toBe(`# ${lesson.meta.title}`);
        expect(slides[0]?.kind).toBe('title');
        expect(slides[0]?.objectives).toEqual(lesson.meta.objectives);
        expect(slides[0]?.body).toBe('');
        const sections = slides.filter((s) => s.kind === 'section');
        // Every heading starts a slide, in order; a `---` break repeats the title of the slide before.
        expect([...new Set(sections.map((s) => s.title))]).toEqual(headings);
        for (const slide of slides.slice(1)) {
          expect(slide.body.trim(), slide.title).not.toBe('');
          expect(slide.objectives).toEqual([]);
        }
      });

      it('splits the same way in every language', () => {
        const others = pack.lessons.filter((l) => l.lessonId === lesson.lessonId);
        for (const other of others) {
          const otherSlides = lessonSlides(other.body, other.meta);
          expect(otherSlides.map((s) => [s.kind, s.notes.length, s.activity !== undefined]), other.lang).toEqual(
            slides.map((s) => [s.kind, s.notes.length, s.activity !== undefined]),
          );
        }
      });

      it('no teacher text is on any slide; every teacher block is the notes of the slide it is written on', () => {
        expect(notes.length).toBeGreaterThan(0);
        for (const slide of slides) {
          expect(slide.body).not.toMatch(/^:::[ \t]*teacher/m);
          const html = render('pupil')(slide.body);
          expect(html).not.toContain('qb-teacher');
          for (const note of notes) {
            expect(slideText(slide), `${slide.title} shows a teacher note`).not.toContain(note.text);
            // Sentence by sentence, so a note cannot leak in part either.
            for (const sentence of note.text.split(/(?<=[.!?:])\s+/).filter((s) => s.length > 30)) {
              expect(slideText(slide), `${slide.title}`).not.toContain(sentence);
            }
          }
        }
        const allNotes = slides.flatMap((s) => s.notes);
        expect(allNotes.map((n) => n.title)).toEqual(notes.map((n) => n.title));
        expect(allNotes.map((n) => plainText(n.markdown))).toEqual(notes.map((n) => n.text));
        // The built-in lessons put "how to run this lesson" first, on the title slide or the opening.
        expect(slides.slice(0, 2).flatMap((s) => s.notes.map((n) => n.title))).toContain(notes[0]?.title);
      });

      it('every activity has a slide whose timer is its first activity, counting down its minutes when given', () => {
        const timed = slides.filter((s) => s.activity);
        const activities = lines.filter((l) => /^:::activity\b/.test(l));
        expect(timed.length > 0).toBe(activities.length > 0);
        for (const slide of timed) {
          const first = slide.body.split('\n').find((l) => /^:::activity\b/.test(l)) ?? '';
          expect(slide.activity?.minutes, slide.title).toBe(activityMinutes(first));
          expect(first, slide.title).toContain(slide.activity?.title ?? '');
        }
      });

      it('every slide keeps its pictures, tables and pupil blocks: nothing but teacher text is lost', () => {
        const shown = slides.map((s) => s.body).join('\n');
        expect(shown.match(/!\[[^\]]*\]\([^)]+\)/g)).toEqual(lesson.body.match(/!\[[^\]]*\]\([^)]+\)/g));
        for (const kind of ['tip', 'warning', 'question', 'activity']) {
          const count = (text: string) => text.split('\n').filter((l) => new RegExp(`^:::${kind}\\b`).test(l)).length;
          expect(count(shown), kind).toBe(count(lesson.body));
        }
        // Line for line: the lesson without its headings, its slide breaks, its teacher blocks and its empty lines.
        let inTeacher = false;
        const pupilLines = lines.filter((l) => {
          if (/^:::teacher\b/.test(l)) inTeacher = true;
          else if (inTeacher && /^:::\s*$/.test(l)) return (inTeacher = false);
          return !inTeacher && l.trim() !== '' && !/^##? /.test(l) && !/^(---|\*\*\*|___)\s*$/.test(l);
        });
        expect(shown.split('\n').filter((l) => l.trim() !== '')).toEqual(pupilLines);
      });
    });
  }
});

const LESSON = { title: 'Kind words online', objectives: ['Explain what cyberbullying is', 'Name three ways to help'] };
const titles = (slides: Slide[]) => slides.map((s) => s.title);

describe('split rules', () => {
  it('a title slide first, from the lesson title; the # line is not shown again', () => {
    const slides = lessonSlides('# Kind words online\n\nHello class.\n\n## One\n\nText one.\n', LESSON);
    expect(slides.map((s) => [s.kind, s.title, s.body])).toEqual([
      ['title', 'Kind words online', ''],
      ['opening', 'Kind words online', 'Hello class.'],
      ['section', 'One', 'Text one.'],
    ]);
    expect(slides[0]?.objectives).toEqual(LESSON.objectives);
    expect(slides.map((s) => s.line)).toEqual([1, 1, 5]);
  });

  it('without a lesson title the # line names the title slide', () => {
    expect(titles(lessonSlides('# From the file\n\n## One\n\nx\n', { title: '', objectives: [] }))).toEqual(['From the file', 'One']);
  });

  it('no opening slide when nothing is written before the first heading', () => {
    expect(lessonSlides('# T\n\n## One\n\nx\n\n## Two\n\ny\n', LESSON).map((s) => s.kind)).toEqual(['title', 'section', 'section']);
    expect(lessonSlides('## One\n\nx\n', LESSON).map((s) => s.kind)).toEqual(['title', 'section']);
  });

  it('# and ## headings split, ### does not; a heading with nothing under it is still a slide', () => {
    const slides = lessonSlides('# T\n\n## One\n\n### Part\n\ntext\n\n# Two\n\n## Three\n', LESSON);
    expect(titles(slides)).toEqual(['Kind words online', 'One', 'Two', 'Three']);
    expect(slides[1]?.body).toBe('### Part\n\ntext');
    expect(slides[2]?.body).toBe('');
  });

  it('heading titles are plain text: marks and closing hashes gone', () => {
    expect(titles(lessonSlides('## What is **cyber**bullying? ##\n\nx\n\n## 1. `Report` it & [tell](https://example.org)\n\ny\n', LESSON)).slice(1)).toEqual([
      'What is cyberbullying?',
      '1. Report it & tell',
    ]);
    expect(inlineText('Tom &amp; *Jerry*')).toBe('Tom & Jerry');
  });

  it('a --- line after an empty line splits, and the next slide keeps the title', () => {
    const slides = lessonSlides('## One\n\nFirst part.\n\n---\n\nSecond part.\n\n***\n\nThird part.\n', LESSON);
    expect(slides.slice(1).map((s) => [s.title, s.body, s.continued])).toEqual([
      ['One', 'First part.', false],
      ['One', 'Second part.', true],
      ['One', 'Third part.', true],
    ]);
  });

  it('--- right under a line of text is a heading underline, not a split', () => {
    const slides = lessonSlides('## One\n\nA heading\n---\n\ntext\n', LESSON);
    expect(slides).toHaveLength(2);
    expect(slides[1]?.body).toBe('A heading\n---\n\ntext');
  });

  it('a break that would leave a slide empty is ignored', () => {
    expect(titles(lessonSlides('---\n\n## One\n\n---\n\n---\n\nx\n\n---\n', LESSON))).toEqual(['Kind words online', 'One']);
  });

  it('headings and breaks inside code fences and blocks do not split', () => {
    const md = ['## One', '', '```', '## not a heading', '', '---', '```', '', ':::tip Inside', '## still the tip', '', '---', '', 'tip text', ':::', ''].join('\n');
    const slides = lessonSlides(md, LESSON);
    expect(titles(slides)).toEqual(['Kind words online', 'One']);
    expect(slides[1]?.body).toContain('## not a heading');
    expect(slides[1]?.body).toContain(':::tip Inside\n## still the tip');
  });

  it('teacher blocks leave the slide and become its notes, in order; the title slide takes notes written before any text', () => {
    const md = [
      ':::teacher Before we start',
      'Check the projector.',
      ':::',
      '',
      '## One',
      '',
      'Pupils read this.',
      '',
      ':::teacher',
      'Ask **two** pupils.',
      ':::',
      '',
      ':::teacher Timing',
      '5 minutes.',
      ':::',
      '',
      '---',
      '',
      ':::teacher Only a note',
      'Nothing for pupils here.',
      ':::',
    ].join('\n');
    const slides = lessonSlides(md, LESSON);
    expect(slides.map((s) => [s.title, s.body, s.notes])).toEqual([
      ['Kind words online', '', [{ title: 'Before we start', markdown: 'Check the projector.' }]],
      [
        'One',
        'Pupils read this.',
        [
          { title: '', markdown: 'Ask **two** pupils.' },
          { title: 'Timing', markdown: '5 minutes.' },
          // The part after --- has only a note: no empty slide, the note stays with the slide before.
          { title: 'Only a note', markdown: 'Nothing for pupils here.' },
        ],
      ],
    ]);
    const notes = notesMarkdown(slides[1] as Slide);
    expect(notes).toBe(':::teacher\nAsk **two** pupils.\n:::\n\n:::teacher Timing\n5 minutes.\n:::\n\n:::teacher Only a note\nNothing for pupils here.\n:::');
    const html = render('teacher')(notes);
    expect(html.match(/qb-teacher/g)).toHaveLength(3);
    expect(html).toContain('<strong>two</strong>');
    expect(render('pupil')(notes)).toBe('');
  });

  it('the first activity on a slide gives it a timer: minutes count down, none count up', () => {
    const md = [
      '## Count down',
      '',
      ':::activity 10 min Stop and think',
      'Talk in pairs.',
      ':::',
      '',
      ':::activity 3 min Second',
      'x',
      ':::',
      '',
      '## Count up',
      '',
      ':::activity Green flag or red flag?',
      'Hold up a card.',
      ':::',
      '',
      '## Kazakh and Russian units',
      '',
      ':::activity 7 мин. Тоқта да, ойлан',
      'y',
      ':::',
      '',
      '## No activity',
      '',
      'z',
    ].join('\n');
    expect(lessonSlides(md, LESSON).map((s) => s.activity)).toEqual([
      undefined,
      { title: 'Stop and think', minutes: 10 },
      { title: 'Green flag or red flag?', minutes: undefined },
      { title: 'Тоқта да, ойлан', minutes: 7 },
      undefined,
    ]);
  });

  it('activity minutes are accepted by lint and left out of the title the reader shows', () => {
    const md = ':::activity 10 min Stop and think\nTalk.\n:::\n\n:::activity 15 мин\nx\n:::\n\n:::activity 10 minutes of silence\ny\n:::\n';
    expect(checkBlocks(md, 'lessons/a/en.md', 1)).toEqual([]);
    const html = render('pupil')(md);
    expect(html).toContain('<span class="qb-title">Stop and think</span>');
    expect([...html.matchAll(/<span class="qb-title">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(['Stop and think', '10 minutes of silence']);
    expect([':::activity 10 min X', ':::activity 15 мин', ':::activity 10 minutes of silence', ':::activity 0 min X', ':::tip 5 min X'].map(activityMinutes)).toEqual([
      10,
      15,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('the example in docs/pack-format.md splits as its notes say', () => {
    const doc = readFileSync('docs/pack-format.md', 'utf8');
    const example = /```markdown\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('\n## Slides\n')))?.[1] ?? '';
    const notes = [...example.matchAll(/←\s*(.*)$/gm)].map((m) => m[1]);
    expect(notes.filter((n) => n?.startsWith('slide'))).toHaveLength(5);
    const slides = lessonSlides(example.replace(/[ \t]+←.*$/gm, ''), LESSON);
    expect(slides.map((s) => [s.kind, s.title, s.continued])).toEqual([
      ['title', 'Kind words online', false],
      ['opening', 'Kind words online', false],
      ['section', 'What is cyberbullying?', false],
      ['section', 'What is cyberbullying?', true],
      ['section', 'Stop and think', false],
    ]);
    expect(slides.map((s) => s.notes.map((n) => n.title))).toEqual([[], ['How to run this lesson'], [], [], []]);
    expect(slides[3]?.body).toMatch(/^!\[A girl reads a message\]/);
    expect(slides[4]?.activity).toEqual({ title: 'Three good replies', minutes: 15 });
  });

  it('a long section stays one slide', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of a long section.`).join('\n\n');
    const slides = lessonSlides(`## Long\n\n${long}\n`, LESSON);
    expect(slides).toHaveLength(2);
    expect(slides[1]?.body).toBe(long);
  });

  it('Windows line endings and a byte-order mark split the same way', () => {
    const md = '# T\n\nHello.\n\n## One\n\nx\n\n---\n\ny\n';
    const crlf = `\uFEFF${md.replace(/\n/g, '\r\n')}`;
    expect(lessonSlides(crlf, LESSON)).toEqual(lessonSlides(md, LESSON));
  });
});
