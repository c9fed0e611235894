/**
 * Importing Twine stories (Twee 3): the parser, links, what cannot be
 * imported (with line and column), and the scenario that comes out.
 * Fixtures: test/fixtures/twee/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, formatProblem } from '../../src/core/i18n';
import { LANGUAGES } from '../../src/core/base/languages';
import type { Problem } from '../../src/core/base/problems';
import { choose, ending, isEnded, startScenario, visibleChoices, visibleShow } from '../../src/core/scenario/engine';
import { parseScenario } from '../../src/core/scenario/lint';
import { SKINS } from '../../src/core/scenario/schema';
import {
  importTwee,
  kebabId,
  parseHeader,
  parseLink,
  parseTwee,
  scanPassage,
  TWEE_PROBLEMS,
  type TweeFormat,
} from '../../src/core/scenario/twee';

const DIR = fileURLToPath(new URL('../fixtures/twee/', import.meta.url));
const fixture = (name: string) => readFileSync(`${DIR}${name}`, 'utf8');
const STRANGER = fixture('stranger-chat.twee');
const F = 'story.twee';
const t = createTranslator('en');
const messages = (ps: Problem[]) => ps.map((p) => formatProblem(t, p));
const codes = (ps: Problem[]) => ps.map((p) => `${p.line}:${p.col} ${p.code}`);
/** A story from lines; passages separated as written. */
const story = (...lines: string[]) => lines.join('\n');
const imp = (source: string, id = 'story') => importTwee(source, { file: F, id });

describe('passage headers', () => {
  it('name, tags and metadata', () => {
    expect(parseHeader(':: An overgrown path [forest spooky] {"position":"600,400","size":"100,200"}')).toEqual({
      name: 'An overgrown path',
      nameCol: 4,
      tags: ['forest', 'spooky'],
      tagsCol: 22,
      metadata: { position: '600,400', size: '100,200' },
    });
  });

  it('only a name, only tags, only metadata; spaces are optional', () => {
    expect(parseHeader('::Start')).toEqual({ name: 'Start', nameCol: 3, tags: [] });
    expect(parseHeader(':: Start [a]')).toMatchObject({ name: 'Start', tags: ['a'], tagsCol: 10 });
    expect(parseHeader(':: Start{"position":"1,2"}')).toEqual({ name: 'Start', nameCol: 4, tags: [], metadata: { position: '1,2' } });
    expect(parseHeader(':: Start   [  a   b  ]   {"size":"1,1"}  ')).toMatchObject({ name: 'Start', tags: ['a', 'b'], metadata: { size: '1,1' } });
  });

  it('a backslash escapes [ ] { } and itself in names and tags', () => {
    expect(parseHeader(':: Room \\[1\\] \\{big\\} C:\\\\games [a\\]b c]')).toMatchObject({ name: 'Room [1] {big} C:\\games', tags: ['a]b', 'c'] });
    expect(parseHeader(':: \\q')).toMatchObject({ name: 'q' });
  });

  it('the old Twee 2 position is accepted and ignored', () => {
    expect(parseHeader(':: Start [a] <100,200>')).toEqual({ name: 'Start', nameCol: 4, tags: ['a'], tagsCol: 10 });
  });

  it('metadata that is not JSON is kept out, with its column', () => {
    expect(parseHeader(':: Start [a] {position: 1}')).toEqual({ name: 'Start', nameCol: 4, tags: ['a'], tagsCol: 10, badMetadata: 14 });
  });

  it.each([['::'], [':: '], [':: [tag]'], [':: Start [unclosed'], [':: Start [a] words after']])('%j cannot be read', (line) => {
    expect(parseHeader(line)).toBeUndefined();
  });
});

describe('passages', () => {
  it('text runs to the next header; trailing blank lines are dropped, other blank lines kept', () => {
    const r = parseTwee(story(':: One', '', 'First line', '', 'Second line', '   ', '', ':: Two [x]', 'Only line', '', ''), F);
    expect(r.problems).toEqual([]);
    expect(r.passages).toEqual([
      { name: 'One', tags: [], text: '\nFirst line\n\nSecond line', line: 1, col: 4 },
      { name: 'Two', tags: ['x'], tagsCol: 8, text: 'Only line', line: 8, col: 4 },
    ]);
  });

  it('CRLF and CR line ends and a byte order mark', () => {
    const r = parseTwee('\uFEFF:: One\r\nA\r\n\r\n:: Two\rB\r', F);
    expect(r.passages.map((p) => [p.name, p.text, p.line])).toEqual([
      ['One', 'A', 1],
      ['Two', 'B', 4],
    ]);
  });

  it('a passage can be empty, metadata kept', () => {
    expect(parseTwee(':: Empty {"position":"1,1"}', F).passages).toEqual([{ name: 'Empty', tags: [], text: '', line: 1, col: 4, metadata: { position: '1,1' } }]);
  });

  it('an empty file, or one without headers, has no passages', () => {
    for (const source of ['', '\n\n  \n', 'Just some text']) {
      const r = parseTwee(source, F);
      expect(codes(r.problems)).toEqual(['1:1 twee.empty']);
    }
    expect(messages(imp('').problems)).toEqual(['story.twee:1:1: the file has no story passages; a passage starts with a line such as “:: Start”.']);
  });

  it('text before the first header and bad headers are reported', () => {
    const r = parseTwee(story('Notes to self', ':: Start', 'Hi', ':: [oops]', 'lost', ':: End {bad}', 'Bye'), F);
    expect(codes(r.problems)).toEqual(['4:1 twee.badHeader']);
    expect(codes(r.warnings)).toEqual(['1:1 twee.textBeforeHeader', '6:8 twee.badMetadata']);
    expect(r.passages.map((p) => p.name)).toEqual(['Start', 'End']);
  });
});

describe('StoryTitle and StoryData', () => {
  const end = [':: Start', 'Hello', '[[Bye]]', ':: Bye [safe]', 'The end.'];

  it('the title, the format and the start passage', () => {
    const r = imp(story(':: StoryTitle', 'A  title ', '', ':: StoryData', '{"ifid": "X", "format": "SugarCube", "start": "Bye"}', ...end));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ title: 'A title', format: 'sugarcube', start: 'bye' });
    // Starting at the ending leaves the rest out.
    expect(codes(r.warnings)).toEqual(['6:4 twee.unreachable']);
  });

  it('without StoryData: the passage called Start, else the first passage, with a warning', () => {
    const first = imp(story(':: Intro', '[[Start]]', ...end));
    expect(first.start).toBe('start');
    expect(messages(first.warnings)).toContain('story.twee: there is no StoryData passage, so the story starts at “Start”.');
    expect(imp(story(':: Hello', '[[Bye]]', ':: Bye [safe]', 'x')).start).toBe('hello');
  });

  it('without StoryTitle: the title is the id, with a warning', () => {
    const r = imp(story(...end), 'my-story');
    expect(r.title).toBe('my-story');
    expect(messages(r.warnings)).toContain('story.twee: there is no StoryTitle passage, so the title is “my-story”; change it in the scenario file.');
  });

  it('StoryData that is not JSON: the line and column of the mistake', () => {
    const r = imp(story(':: StoryData', '{', '  "ifid": "X",', '  "start": "Start"', '  "zoom": 1', '}', ...end));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'twee.badStoryData', line: 5, col: 3 });
    expect(messages(r.problems)[0]).toMatch(/^story\.twee:5:3: StoryData is not valid: .+\.$/);
    expect(r.yaml).toBeUndefined();
  });

  it('StoryData that is not an object, or whose start is not a name', () => {
    expect(codes(imp(story(':: StoryData', '[1, 2]', ...end)).problems)).toEqual(['2:1 twee.badStoryData']);
    expect(messages(imp(story(':: StoryData', '{"start": 3}', ...end)).problems)).toEqual([
      'story.twee:2:2: StoryData is not valid: "start" must be a passage name.',
    ]);
  });

  it('a start passage that does not exist is reported where StoryData names it', () => {
    const r = imp(story(':: StoryData', '{', '  "ifid": "X",', '  "start": "Begin"', '}', ...end));
    expect(messages(r.problems)).toEqual(['story.twee:4:3: StoryData says the story starts at “Begin”, but there is no passage with that name.']);
  });

  it('a file with only special passages is empty', () => {
    expect(codes(imp(story(':: StoryTitle', 'T', ':: StoryData', '{"ifid": "X"}')).problems)).toEqual(['1:1 twee.empty']);
  });
});

describe('links', () => {
  it.each([
    ['Target', 'Target', 'Target'],
    ['Go there|Target', 'Go there', 'Target'],
    ['Go there->Target', 'Go there', 'Target'],
    ['Target<-Go there', 'Go there', 'Target'],
    [' Go there -> Target ', 'Go there', 'Target'],
    ['A->B->C', 'A->B', 'C'],
    ['A<-B<-C', 'B<-C', 'A'],
    ['a|b->c', 'a|b', 'c'],
    ['a|b|c', 'a|b', 'c'],
  ])('[[%s]]', (inside, label, target) => {
    expect(parseLink(inside)).toEqual({ label, target });
  });

  it('every form, with the line and column of its [[', () => {
    const s = scanPassage({ line: 10, text: 'Pick one:\n[[Target]] [[Go|Target]]\n  [[Go->Target]]\n    [[Target<-Go]]' }, F);
    expect(s.problems).toEqual([]);
    expect(s.links).toEqual([
      { label: 'Target', target: 'Target', line: 12, col: 1 },
      { label: 'Go', target: 'Target', line: 12, col: 12 },
      { label: 'Go', target: 'Target', line: 13, col: 3 },
      { label: 'Go', target: 'Target', line: 14, col: 5 },
    ]);
  });

  it('lines of nothing but links are left out of the text; links in a sentence keep their words', () => {
    const s = scanPassage({ line: 1, text: 'Dana asks for help.\n\nYou could [[talk to her|Talk]] or [[walk away->Walk]].\n\n* [[Talk]]\n- [[Walk]] | [[Later]]\n\n\n\nThe end.' }, F);
    expect(s.text).toBe('Dana asks for help.\n\nYou could talk to her or walk away.\n\nThe end.');
  });

  it('a link that is not closed, empty or to a web address', () => {
    const s = scanPassage({ line: 1, text: 'Go [[Home\n[[]] [[|X]] [[https://example.com]] [[Site->http://x.example]]' }, F);
    expect(messages(s.problems)).toEqual([
      'story.twee:2:4: the link is not closed with “]]” on the same line.',
      'story.twee:3:1: the link “[[]]” has no text or no target.',
      'story.twee:3:6: the link “[[|X]]” has no text or no target.',
      'story.twee:3:13: the link leads to the web address “https://example.com”; a scenario can only link to its own passages.',
      'story.twee:3:37: the link leads to the web address “http://x.example”; a scenario can only link to its own passages.',
    ]);
    expect(s.links).toEqual([]);
  });

  it('a link to a passage that does not exist, with its line and column', () => {
    const r = imp(story(':: Start', 'Hi', '  [[Go on->Nowhere]]', '[[End]]', ':: End [safe]', 'Bye'));
    expect(messages(r.problems)).toEqual(['story.twee:3:3: the link leads to “Nowhere”, but there is no passage with that name.']);
  });

  it('the same link twice in a passage is one choice; two links to one passage are two', () => {
    const r = imp(story(':: Start', 'You can [[ask|End]].', '[[ask|End]]', '[[Ask nicely->End]]', ':: End [safe]', 'Bye'));
    expect(r.problems).toEqual([]);
    expect(r.scenario?.nodes[0]?.choices?.map((c) => [c.id, c.label.en, c.next])).toEqual([
      ['end', 'ask', 'end'],
      ['end-2', 'Ask nicely', 'end'],
    ]);
  });
});

describe('what cannot be imported is reported with its line and column', () => {
  // Each source sits on line 3 of a passage whose header is line 1; the code starts at column 7 unless given.
  const cases: [string, string, TweeFormat | undefined, string, number?][] = [
    ['SugarCube macro', 'Text. <<set $trust to 1>>', 'sugarcube', 'the macro “<<set>>” cannot be imported'],
    ['SugarCube closing macro', 'Text. <</if>>', 'sugarcube', 'the macro “<</if>>” cannot be imported'],
    ['SugarCube print macro', 'Text. <<= $name>>', 'sugarcube', 'the macro “<<=>>” cannot be imported'],
    ['SugarCube macro over two lines', 'Text. <<set $a to {\n x: 1 }>>', 'sugarcube', 'the macro “<<set>>” cannot be imported'],
    ['Harlowe macro', 'Text. (set: $trust to 1)', 'harlowe', 'the macro “(set:)” cannot be imported'],
    ['Harlowe if with a hook', 'Text. (if: $trust > 2)[You trust them.]', undefined, 'the macro “(if:)” cannot be imported'],
    ['Harlowe link macro', 'Text. (link-goto: "Go", "End")', 'harlowe', 'the macro “(link-goto:)” cannot be imported'],
    ['Chapbook insert', 'Text. {back link}', 'chapbook', 'the macro “{back link}” cannot be imported'],
    ['double braces', 'Text. {{name}}', undefined, 'the macro “{{name}}” cannot be imported'],
    ['Snowman code', 'Text. <%= s.name %>', 'snowman', 'the macro “<%= s.name %>” cannot be imported'],
    ['variable', 'Text. $name is here', 'sugarcube', 'the variable “$name” cannot be imported'],
    ['HTML tag', 'Text. <span class="x">hi</span>', undefined, 'the HTML “<span class="x">” cannot be imported'],
    ['HTML comment', 'Text. <!-- note -->', undefined, 'the HTML “<!-- -->” cannot be imported'],
    ['block comment', 'Text. /* note */', 'sugarcube', '“/* … */” cannot be imported'],
    ['SugarCube comment', 'Text. /% note %/', 'sugarcube', '“/% … %/” cannot be imported'],
    ['image', 'Text. [img[cat.png]]', 'sugarcube', '“[img[cat.png]]” cannot be imported'],
    ['setter link', 'Text. [[Go|End][$x to 1]]', 'sugarcube', 'the link “[[Go|End][$x to 1]]” also changes variables'],
    ['named hook', 'Text. |box>[hidden]', 'harlowe', '“|box>[” cannot be imported'],
    ['named hook, the other way', 'Text. [hidden]<box|', 'harlowe', '“]<box|” cannot be imported', 14],
  ];
  it.each(cases)('%s', (_, code, format, message, col = 7) => {
    const s = scanPassage({ line: 1, text: `Intro\n${code}` }, F, format);
    expect(messages(s.problems)[0]).toMatch(new RegExp(`^story\\.twee:3:${col}: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('one problem per macro: variables inside a macro are not reported again', () => {
    const s = scanPassage({ line: 1, text: '<<if $a and $b>>x<</if>> (if: $c)[y]' }, F, 'harlowe');
    expect(codes(s.problems)).toEqual(['2:1 twee.unsupportedMacro', '2:18 twee.unsupportedMacro', '2:26 twee.unsupportedMacro']);
  });

  it('code inside a link’s text is reported too', () => {
    const s = scanPassage({ line: 1, text: '[[Pay $price->Shop]]' }, F);
    expect(messages(s.problems)).toEqual(['story.twee:2:7: the variable “$price” cannot be imported; use flags and skills in the scenario file instead.']);
  });

  it('Chapbook modifiers and vars sections', () => {
    const s = scanPassage({ line: 1, text: 'seen: true\n--\nHello\n[if seen]\nAgain!\n[continue]' }, F, 'chapbook');
    expect(codes(s.problems)).toEqual(['3:1 twee.unsupportedMacro', '5:1 twee.unsupportedMacro', '7:1 twee.unsupportedMacro']);
  });

  it('(Note: …) is a Harlowe macro, but plain text in SugarCube', () => {
    const text = 'Listen (Note: this is a trick).';
    expect(codes(scanPassage({ line: 1, text }, F, 'harlowe').problems)).toEqual(['2:8 twee.unsupportedMacro']);
    expect(codes(scanPassage({ line: 1, text }, F, undefined).problems)).toEqual(['2:8 twee.unsupportedMacro']);
    expect(scanPassage({ line: 1, text }, F, 'sugarcube').problems).toEqual([]);
  });

  it('prose with < and $ that is not code is fine', () => {
    expect(scanPassage({ line: 1, text: 'Is 3 < 4? It costs $5, or 5 $ in cash.' }, F).problems).toEqual([]);
  });

  it('formatting marks are a warning, once per kind; web addresses are not italics', () => {
    const s = scanPassage({ line: 1, text: "''Bold'' and ''more'' and //italic// at http://x.example" }, F);
    expect(s.problems).toEqual([]);
    expect(messages(s.warnings)).toEqual([
      'story.twee:2:1: the formatting mark “\'\'” stays in the text as typed: scenario text is plain text.',
      'story.twee:2:27: the formatting mark “//” stays in the text as typed: scenario text is plain text.',
    ]);
  });

  it('the import fails and lists every problem of the SugarCube fixture', () => {
    const r = importTwee(fixture('sugarcube-macros.twee'), { file: 'sugarcube-macros.twee', id: 'free-skins' });
    expect(r.yaml).toBeUndefined();
    expect(r.scenario).toBeUndefined();
    expect(codes(r.problems)).toEqual([
      '15:1 twee.unsupportedMacro',
      '19:1 twee.unsupportedMacro',
      '19:39 twee.unsupportedMacro',
      '20:21 twee.unsupportedHtml',
      '20:34 twee.unsupportedHtml',
      '21:1 twee.unsupportedLink',
      '23:1 twee.missingLink',
      '27:24 twee.unsupportedVariable',
    ]);
    expect(codes(r.warnings)).toEqual(['14:4 twee.unreachable']);
  });

  it('script passages are errors, stylesheets warnings', () => {
    const r = imp(story(':: Start', '[[End]]', ':: End [safe]', 'Bye', ':: Code [script]', 'alert(1)', ':: Look [stylesheet]', 'body {}'));
    expect(messages(r.problems)).toEqual(['story.twee:5:4: the passage “Code” is a script; JavaScript cannot be imported into a scenario.']);
    expect(codes(r.warnings)).toContain('7:4 twee.stylesheet');
  });
});

describe('passages and nodes', () => {
  it('two passages with one name', () => {
    const r = imp(story(':: Start', '[[End]]', ':: End [safe]', 'Bye', ':: End [risky]', 'Bye again'));
    expect(messages(r.problems)).toEqual(['story.twee:5:4: there are two passages called “End”; the first one is on line 3. Rename one of them.']);
  });

  it('IDs in kebab-case, Kazakh and Russian letters in Latin ones', () => {
    expect(kebabId('Ask Mum!')).toBe('ask-mum');
    expect(kebabId('  Café — déjà vu  ')).toBe('cafe-deja-vu');
    expect(kebabId('Анаға айту')).toBe('anaga-aytu');
    expect(kebabId('Қоңырау шалу')).toBe('qongyrau-shalu');
    expect(kebabId('Позвонить маме')).toBe('pozvonit-mame');
    expect(kebabId('聊天')).toBe('');
    expect(kebabId('x'.repeat(70))).toHaveLength(64);
  });

  it('names that give the same ID are numbered, with a warning naming the first', () => {
    const r = imp(story(':: Ask Mum', '[[ask mum!]] [[Ask  mum]] [[聊天]]', ':: ask mum! [safe]', 'a', ':: Ask  mum [safe]', 'b', ':: 聊天 [safe]', 'c'));
    expect(r.problems).toEqual([]);
    expect(r.nodes.map((n) => n.node)).toEqual(['ask-mum', 'ask-mum-2', 'ask-mum-3', 'passage-4']);
    expect(messages(r.warnings).filter((m) => m.includes('becomes the node'))).toEqual([
      'story.twee:3:4: the passage “ask mum!” becomes the node “ask-mum-2”, because “Ask Mum” (line 1) already became “ask-mum”.',
      'story.twee:5:4: the passage “Ask  mum” becomes the node “ask-mum-3”, because “Ask Mum” (line 1) already became “ask-mum”.',
    ]);
  });

  it('a passage without links is an ending, rated by its tag', () => {
    const r = imp(story(':: Start', '[[A]] [[B]] [[C]]', ':: A [safe]', 'a', ':: B [Harmful other]', 'b', ':: C', 'c'));
    expect(r.problems).toEqual([]);
    expect(r.nodes.map((n) => [n.node, n.kind, n.outcome, n.guessed])).toEqual([
      ['start', 'question', undefined, undefined],
      ['a', 'ending', 'safe', undefined],
      ['b', 'ending', 'harmful', undefined],
      ['c', 'ending', 'risky', true],
    ]);
    expect(messages(r.warnings)).toContain(
      'story.twee:7:4: the ending “C” has no safe, risky or harmful tag, so its outcome is risky; add a tag to say how it ends.',
    );
    expect(r.yaml).toMatch(/"C" +-> ending "c", risky \(guessed: no safe\/risky\/harmful tag\)\n/);
  });

  it('outcome tags: two on an ending is an error, one on a question a warning', () => {
    const r = imp(story(':: Start [safe]', '[[End]]', ':: End [safe harmful]', 'Bye'));
    expect(messages(r.problems)).toEqual(['story.twee:3:8: the passage “End” has more than one outcome tag (safe, harmful); keep one of safe, risky and harmful.']);
    expect(messages(r.warnings)).toContain('story.twee:1:10: the tag “safe” rates endings only, and the passage “Start” has links, so the tag is ignored.');
  });

  it('an ending needs text for its debrief', () => {
    expect(codes(imp(story(':: Start', '[[End]]', ':: End [safe]')).problems)).toEqual(['3:4 twee.emptyEnding']);
  });

  it('at most 6 links per passage, texts within their limits', () => {
    const many = imp(story(':: Start', [1, 2, 3, 4, 5, 6, 7].map((n) => `[[E${n}]]`).join(' '), ...[1, 2, 3, 4, 5, 6, 7].flatMap((n) => [`:: E${n} [safe]`, 'x'])));
    expect(messages(many.problems)).toEqual(['story.twee:1:4: the passage “Start” has 7 links, but a node can offer at most 6 choices.']);
    const long = imp(story(':: Start', 'x'.repeat(1001), `[[${'y'.repeat(301)}->End]]`, ':: End [safe]', 'z'.repeat(2001)));
    expect(codes(long.problems)).toEqual(['1:4 twee.tooLong', '3:1 twee.tooLong', '4:4 twee.tooLong']);
    expect(messages(long.problems)[0]).toBe('story.twee:1:4: this text has 1001 characters, but at most 1000 fit here.');
  });

  it('passages that cannot be reached are left out; passages that never end are errors', () => {
    const r = imp(story(':: Start', '[[Loop]] [[End]]', ':: Loop', '[[Round]]', ':: Round', '[[Loop]]', ':: End [safe]', 'Bye', ':: Draft', 'Unused'));
    expect(messages(r.problems)).toEqual([
      'story.twee:3:4: no ending can be reached from the passage “Loop”: every path from it goes round in circles. Add a link to a passage without links.',
      'story.twee:5:4: no ending can be reached from the passage “Round”: every path from it goes round in circles. Add a link to a passage without links.',
    ]);
    expect(messages(r.warnings)).toContain('story.twee:9:4: the passage “Draft” cannot be reached from the start passage “Start”, so it is left out.');
    expect(r.nodes.at(-1)).toEqual({ passage: 'Draft', line: 9, kind: 'left out' });
  });
});

describe('the scenario that comes out', () => {
  const r = importTwee(STRANGER, { file: 'test/fixtures/twee/stranger-chat.twee', id: 'stranger-chat' });

  it('has no problems, and one warning: the draft passage left out', () => {
    expect(r.problems).toEqual([]);
    expect(messages(r.warnings)).toEqual([
      'test/fixtures/twee/stranger-chat.twee:46:4: the passage “Old idea” cannot be reached from the start passage “New message”, so it is left out.',
    ]);
  });

  it('is accepted by parseScenario for English', () => {
    const parsed = parseScenario(r.yaml ?? '', 'scenarios/stranger-chat.yaml', ['en']);
    expect(parsed.problems).toEqual([]);
    expect(parsed.scenario).toEqual(r.scenario);
  });

  it('leaves the other languages missing, for the lint to name', () => {
    const parsed = parseScenario(r.yaml ?? '', 'scenarios/stranger-chat.yaml', ['kk', 'en']);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(new Set(parsed.problems.map((p) => `${p.code} ${p.params?.lang}`))).toEqual(new Set(['scenario.missingText kk']));
    expect(messages(parsed.problems)[0]).toBe('scenarios/stranger-chat.yaml:15:3: “title” has no kk text, but the pack is written in kk.');
  });

  it('maps title, start, questions, choices and endings', () => {
    const s = r.scenario;
    expect(s).toMatchObject({ id: 'stranger-chat', skin: 'messenger', title: { en: 'A message from a stranger' }, start: 'new-message', topic: 'getting-help' });
    expect(s?.nodes.map((n) => n.id)).toEqual(['new-message', 'who-are-you', 'password-sent', 'block-sky-wolf', 'tell-an-adult']);
    expect(s?.nodes[0]?.show).toEqual([
      {
        type: 'screen',
        text: {
          en: 'A player called Sky_Wolf writes to you in the game chat:\n"Hi! You play really well. Want free skins? Tell me your password and I\'ll add them to your account."',
        },
      },
    ]);
    expect(s?.nodes[0]?.choices).toEqual([
      { id: 'password-sent', label: { en: 'Send the password' }, next: 'password-sent' },
      { id: 'who-are-you', label: { en: 'Ask who they are' }, next: 'who-are-you' },
      { id: 'block-sky-wolf', label: { en: 'Block Sky_Wolf' }, next: 'block-sky-wolf' },
      { id: 'tell-an-adult', label: { en: 'Show a grown-up' }, next: 'tell-an-adult' },
    ]);
    expect(s?.nodes[2]).toEqual({
      id: 'password-sent',
      ending: { outcome: 'harmful', debrief: { en: 'Sky_Wolf changed your password and took your account. Real moderators never ask for passwords.' } },
    });
  });

  it('can be played from the start to an ending', () => {
    const s = r.scenario;
    if (!s) throw new Error('no scenario');
    let state = startScenario(s);
    expect(visibleShow(s, state)[0]).toMatchObject({ type: 'screen' });
    expect(visibleChoices(s, state).map((c) => c.id)).toEqual(['password-sent', 'who-are-you', 'block-sky-wolf', 'tell-an-adult']);
    state = choose(s, state, 'who-are-you');
    expect(isEnded(s, state)).toBe(false);
    state = choose(s, state, 'tell-an-adult');
    expect(isEnded(s, state)).toBe(true);
    expect(ending(s, state)).toMatchObject({ outcome: 'safe', debrief: { en: expect.stringContaining('Telling a grown-up') } });
  });

  it('is pleasant YAML with a header saying where it came from and what each passage became', () => {
    const yaml = r.yaml ?? '';
    expect(yaml.startsWith('# Imported from Twine (stranger-chat.twee) by "qorgau scenario import-twee".\n')).toBe(true);
    expect(yaml).toContain('# Texts are in en only: add kk and ru; "qorgau pack lint" lists every missing text.');
    expect(yaml).toMatch(/# +16 {2}"New message" +-> node "new-message", the start\n/);
    expect(yaml).toMatch(/# +34 {2}"Password sent" +-> ending "password-sent", harmful\n/);
    expect(yaml).toMatch(/# +46 {2}"Old idea" +-> left out: cannot be reached from the start\n/);
    expect(yaml).toContain('\ntopic: getting-help # importer default;');
    expect(yaml).toContain('\nageBands: ["10-12"] # importer default;');
    expect(yaml).toContain('        label:\n          en: "Send the password"\n');
    expect(yaml).toContain('          en: |-\n            A player called Sky_Wolf');
    expect(yaml).toContain('\n\n  - id: who-are-you\n');
  });

  it.each(SKINS)('fits the %s skin', (skin) => {
    const out = importTwee(STRANGER, { file: F, id: 'stranger-chat', skin });
    expect(out.problems).toEqual([]);
    expect(out.scenario?.skin).toBe(skin);
  });

  it.each(LANGUAGES)('puts the text under %s', (lang) => {
    const out = importTwee(STRANGER, { file: F, id: 'stranger-chat', lang });
    expect(out.scenario?.title).toEqual({ [lang]: 'A message from a stranger' });
    expect(parseScenario(out.yaml ?? '', 'scenarios/stranger-chat.yaml', [lang]).problems).toEqual([]);
  });

  it('keeps Kazakh text as it is', () => {
    const out = importTwee(story(':: StoryTitle', 'Бейтаныс хабарлама', ':: Басы', 'Саған бейтаныс адам жазды.', '[[Анаға айту]]', ':: Анаға айту [safe]', 'Дұрыс шешім.'), {
      file: F,
      id: 'bejtanys',
      lang: 'kk',
    });
    expect(out.problems).toEqual([]);
    expect(out.yaml).toContain('kk: "Бейтаныс хабарлама"');
    expect(out.scenario?.nodes.map((n) => n.id)).toEqual(['basy', 'anaga-aytu']);
  });
});

describe('messages', () => {
  it.each(LANGUAGES)('every twee problem has a %s message', (lang) => {
    for (const code of TWEE_PROBLEMS) expect(CATALOGUES[lang][`problem.${code}`], `${lang} ${code}`).toBeTruthy();
    for (const key of ['warning', 'otherLanguages', 'checkDetails']) expect(CATALOGUES[lang][`problem.twee.${key}`], key).toBeTruthy();
  });

  it('Kazakh and Russian', () => {
    const p: Problem = { code: 'twee.missingLink', file: 'a.twee', line: 3, col: 5, params: { target: 'Басы' } };
    expect(formatProblem(createTranslator('kk'), p)).toBe('a.twee:3:5: сілтеме «Басы» үзіндісіне апарады, бірақ мұндай атаулы үзінді жоқ.');
    expect(formatProblem(createTranslator('ru'), p)).toBe('a.twee:3:5: ссылка ведёт к «Басы», но фрагмента с таким именем нет.');
  });
});
