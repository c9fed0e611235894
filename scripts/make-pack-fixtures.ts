/**
 * Writes the lesson-pack fixtures used by test/unit/{load,import,cli}.test.ts
 * and by the end-to-end tests into test/fixtures/packs/:
 *
 *   good/, good-v2/, good-v0/      valid packs (same id, versions 1.0.0, 1.1.0, 0.9.0)
 *   good-worksheets/               a valid pack with a worksheet and a family letter (another id)
 *   good-quizzes/                  a valid pack with a quiz of every kind of question (another id)
 *   hostile-markdown/              a VALID pack whose lessons carry hostile raw HTML and links
 *   <rule>/                        the good pack (kept small: kk + en, one lesson) with one thing broken
 *   qpack/<name>.qpack             every folder above built with buildQpack, plus the
 *                                  .qpack-only cases (no manifest, hash mismatch, ...)
 *
 *   npx tsx scripts/make-pack-fixtures.ts
 *
 * The folders are generated too: edit this script, not the folders, then run
 * it again and commit the output. Some fixtures cannot survive an editor at
 * all (invalid-utf8 holds the bytes 0xC3 0x28), and the line numbers the
 * tests assert are easier to keep right in one place.
 *
 * Deterministic: fixed zip timestamps, no randomness, no dependence on the
 * time zone or the locale (see `TZ` below).
 */
import { mkdirSync, readdirSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync, zipSync, zlibSync, type Zippable } from 'fflate';
import { buildQpack } from '../src/core/pack/build';
import { crc32 } from '../src/core/pack/zip';
import { concat } from './make-zip-fixtures';

export const PACKS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'packs');
export const QPACK_DIR = join(PACKS_DIR, 'qpack');

/** A local-time string: DOS timestamps carry no zone, so this encodes the same everywhere. */
const FIXED_MTIME = '2020-01-01T00:00:00';

type Files = Record<string, string | Uint8Array>;

const enc = new TextEncoder();
const bytesOf = (v: string | Uint8Array): Uint8Array => (typeof v === 'string' ? enc.encode(v) : v);

// ---------------------------------------------------------------------------
// Images: tiny but real PNGs, drawn here so they are reproducible.

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(enc.encode(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGBA PNG of `size`×`size` pixels; `paint` returns [r, g, b, a] for each pixel. */
export function png(size: number, paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = new Uint8Array(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(paint(x, y), row + 1 + x * 4);
  }
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, size);
  dv.setUint32(4, size);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlibSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  return concat(parts);
}

/** A blue shield with a white tick on a transparent background, 24×24. */
export const SHIELD_PNG = png(24, (x, y) => {
  const cx = 11.5;
  const half = y < 13 ? 9 : 9 - (y - 12) * 0.9;
  const inside = y >= 2 && y <= 22 && Math.abs(x - cx) <= half;
  if (!inside) return [0, 0, 0, 0];
  const tick = (y === x + 2 && x >= 6 && x <= 10) || (x + y === 22 && x >= 10 && x <= 17);
  return tick ? [255, 255, 255, 255] : [30, 111, 217, 255];
});

/** A green disc, 16×16: a second, different image. */
export const BADGE_PNG = png(16, (x, y) => ((x - 7.5) ** 2 + (y - 7.5) ** 2 <= 49 ? [46, 160, 67, 255] : [0, 0, 0, 0]));

// ---------------------------------------------------------------------------
// The good pack

const PACK_YAML = `# A Qorgau test fixture, written by scripts/make-pack-fixtures.ts
formatVersion: 1
id: fixture-good
version: 1.0.0
languages: [kk, ru, en]
title:
  kk: Сынақ жинағы
  ru: Тестовый набор
  en: Test pack
description:
  kk: Интернеттегі қауіпсіздік туралы екі қысқа сабақ.
  ru: Два коротких урока о безопасности в интернете.
  en: Two short lessons on staying safe online.
ageBands: ["10-12", "13-15"]
publisher: Qorgau test fixtures
licence: CC-BY-4.0
`;

// Line numbers matter: the tests assert them. In every first-steps file:
//   1 ---   2 id   3 title   4 topic   5 ageBands   6 minutes   7 summary   8 order
//   9 objectives (10, 11)   12 vocabulary (13, 14)   15 ---   16 blank   17 # heading
const FIRST_STEPS: Record<'kk' | 'ru' | 'en', string> = {
  kk: `---
id: first-steps
title: Интернеттегі алғашқы қадамдар
topic: privacy
ageBands: ["10-12"]
minutes: 30
summary: Интернетте не істеуге болады және қауіпсіздік ережелері не үшін керек?
order: 10
objectives:
  - Интернеттегі үш негізгі қауіпсіздік ережесін атау
  - Көмек керек болса, кімге жүгіну керектігін білу
vocabulary:
  - term: Қауіпсіздік
    definition: Өзіңді және басқаларды зияннан қорғау.
---

# Интернеттегі алғашқы қадамдар

Интернетте ойнауға, оқуға және достармен сөйлесуге болады. Бұл сабақ балаларға интернетте өздерін қалай қорғау керектігін үйретеді: қауіпсіздік қарапайым ережелерден басталады.

![Көк қалқан — қауіпсіздік белгісі](media/shield.png)

| Ереже | Неге маңызды |
| --- | --- |
| Құпиясөзіңді ешкімге айтпа | Аккаунтың тек саған тиесілі болады |
| Мекенжайыңды бейтаныс адамға жазба | Жеке деректерің қорғалады |

Есте сақта:

- рұқсат сұрамай біреудің суретін жарияламау;
- күмәнді сілтемені ашпау;
- қиын жағдайда сенімді ересек адамға айту.

:::tip Кеңес
Балаларға арналған ойындарда да жеке деректеріңді жазба.
:::

:::warning
Ешкім сенен құпиясөзіңді сұрамауы керек, тіпті ең жақын досың да.
:::

:::question
Интернетте өзіңді қауіпсіз сезіну үшін не істейсің?
:::

:::activity Жаттығу
Жұбыңмен бірге үш қауіпсіздік ережесін жазып, сыныпқа оқып беріңдер.
:::

:::teacher
Оқушыларды өз тәжірибесін бөлісуге мәжбүрлемеңіз. Сабақ соңында 150 сенім телефонын тақтаға жазыңыз.
:::
`,
  ru: `---
id: first-steps
title: Первые шаги в интернете
topic: privacy
ageBands: ["10-12"]
minutes: 30
summary: Что можно делать в интернете и зачем нужны правила безопасности?
order: 10
objectives:
  - Назвать три главных правила безопасности в интернете
  - Знать, к кому обратиться, если нужна помощь
vocabulary:
  - term: Безопасность
    definition: Защита себя и других от вреда.
---

# Первые шаги в интернете

В интернете можно играть, учиться и общаться с друзьями. Этот урок учит детей простым правилам безопасности в сети.

![Синий щит — знак безопасности](media/shield.png)

| Правило | Почему это важно |
| --- | --- |
| Никому не говори свой пароль | Аккаунт останется только твоим |
| Не пиши незнакомым свой адрес | Твои личные данные защищены |

Запомни:

- не публиковать чужие фото без разрешения;
- не открывать подозрительные ссылки;
- в трудной ситуации рассказать взрослому, которому доверяешь.

:::tip Совет
Даже в детских играх не пиши свои личные данные.
:::

:::warning
Никто не должен спрашивать твой пароль, даже самый близкий друг.
:::

:::question
Что ты делаешь, чтобы чувствовать себя в безопасности в интернете?
:::

:::activity Задание
Вместе с соседом по парте запишите три правила безопасности и прочитайте их классу.
:::

:::teacher
Не заставляйте учеников делиться личным опытом. В конце урока напишите на доске номер телефона доверия 150.
:::
`,
  en: `---
id: first-steps
title: First steps online
topic: privacy
ageBands: ["10-12"]
minutes: 30
summary: What can you do online, and why do we need safety rules?
order: 10
objectives:
  - Name three basic rules for staying safe online
  - Know whom to ask when you need help
vocabulary:
  - term: Safety
    definition: Keeping yourself and others from harm.
---

# First steps online

Online you can play, learn and talk to friends. This lesson teaches children a few simple rules for staying safe on the internet.

![A blue shield, the sign of safety](media/shield.png)

| Rule | Why it matters |
| --- | --- |
| Never tell anyone your password | Your account stays yours |
| Do not send your address to strangers | Your personal data stays private |

Remember:

- do not post a photo of someone without asking;
- do not open links you are unsure about;
- when something feels wrong, tell an adult you trust.

:::tip Tip
Even in games made for children, do not type in your personal details.
:::

:::warning
Nobody should ask for your password, not even your best friend.
:::

:::question
What do you do to feel safe online?
:::

:::activity Task
With the pupil next to you, write down three safety rules and read them to the class.
:::

:::teacher
Do not make pupils share their own experiences. At the end of the lesson write the helpline number 150 on the board.
:::
`,
};

const SAFE_PASSWORDS: Record<'kk' | 'ru' | 'en', string> = {
  kk: `---
id: safe-passwords
title: Қауіпсіз құпиясөздер
topic: privacy
ageBands: ["10-12", "13-15"]
minutes: 40
summary: Берік құпиясөзді қалай ойлап табуға және оны қалай сақтауға болады?
order: 20
objectives:
  - Берік және әлсіз құпиясөзді ажырату
  - Құпиясөзді ешкімге бермеудің маңызын түсіндіру
vocabulary:
  - term: Құпиясөз
    definition: Аккаунтқа тек сен кіре алуың үшін қойылатын құпия сөз немесе сөйлем.
---

# Қауіпсіз құпиясөздер

Құпиясөз — интернеттегі үйіңнің кілті. Әлсіз құпиясөзді бөтен адам оңай табады, сондықтан қауіпсіздік берік құпиясөзден басталады.

![Құпиясөзді қорғайтын қалқан](../../media/shield.png)

| Құпиясөз | Бағасы |
| --- | --- |
| 123456 | Өте әлсіз |
| Көк-алма-жүгіреді-7 | Берік |

Берік құпиясөз:

- кемінде он екі таңбадан тұрады;
- атыңды немесе туған күніңді қамтымайды;
- әр аккаунтта әртүрлі болады.

:::tip
Бірнеше кездейсоқ сөзді біріктірсең, есте сақтауға оңай құпиясөз шығады.
:::

:::warning Абай бол
Құпиясөзіңді хатта немесе чатта ешкімге жіберме.
:::

:::question
Досың құпиясөзіңді сұраса, не істейсің?
:::

:::activity
Берік құпиясөздің үш мысалын ойлап тауып, оларды неге берік екенін түсіндір. Шын құпиясөзіңді жазба!
:::

:::teacher Мұғалімге
Оқушылардан шын құпиясөздерін ешқашан сұрамаңыз.
:::
`,
  ru: `---
id: safe-passwords
title: Надёжные пароли
topic: privacy
ageBands: ["10-12", "13-15"]
minutes: 40
summary: Как придумать надёжный пароль и как его хранить?
order: 20
objectives:
  - Отличать надёжный пароль от слабого
  - Объяснить, почему пароль нельзя никому передавать
vocabulary:
  - term: Пароль
    definition: Секретное слово или фраза, благодаря которой в аккаунт можешь войти только ты.
---

# Надёжные пароли

Пароль — это ключ от твоего дома в интернете. Слабый пароль легко подобрать, поэтому безопасность начинается с надёжного пароля.

![Щит, который защищает пароль](../../media/shield.png)

| Пароль | Оценка |
| --- | --- |
| 123456 | Очень слабый |
| Синее-яблоко-бежит-7 | Надёжный |

Надёжный пароль:

- состоит не меньше чем из двенадцати символов;
- не содержит твоё имя или день рождения;
- разный для каждого аккаунта.

:::tip
Несколько случайных слов вместе дают пароль, который легко запомнить.
:::

:::warning Осторожно
Никогда не отправляй свой пароль в письме или в чате.
:::

:::question
Что ты сделаешь, если друг попросит твой пароль?
:::

:::activity
Придумай три примера надёжных паролей и объясни, почему они надёжные. Не пиши свой настоящий пароль!
:::

:::teacher Учителю
Никогда не спрашивайте у учеников их настоящие пароли.
:::
`,
  en: `---
id: safe-passwords
title: Safe passwords
topic: privacy
ageBands: ["10-12", "13-15"]
minutes: 40
summary: How do you make up a strong password, and how do you keep it safe?
order: 20
objectives:
  - Tell a strong password from a weak one
  - Explain why you never give your password to anyone
vocabulary:
  - term: Password
    definition: A secret word or phrase that lets only you into your account.
---

# Safe passwords

A password is the key to your home on the internet. A weak password is easy to guess, so safety starts with a strong one.

![A shield guarding a password](../../media/shield.png)

| Password | Rating |
| --- | --- |
| 123456 | Very weak |
| Blue-apple-runs-7 | Strong |

A strong password:

- is at least twelve characters long;
- does not contain your name or birthday;
- is different for every account.

:::tip
A few random words together make a password that is easy to remember.
:::

:::warning Careful
Never send your password in an email or a chat.
:::

:::question
What will you do if a friend asks for your password?
:::

:::activity
Make up three examples of strong passwords and explain why they are strong. Do not write down your real password!
:::

:::teacher For the teacher
Never ask pupils for their real passwords.
:::
`,
};

function goodPack(): Files {
  const files: Files = { 'pack.yaml': PACK_YAML, 'media/shield.png': SHIELD_PNG };
  for (const lang of ['kk', 'ru', 'en'] as const) {
    files[`lessons/first-steps/${lang}.md`] = FIRST_STEPS[lang];
    files[`lessons/safe-passwords/${lang}.md`] = SAFE_PASSWORDS[lang];
  }
  return files;
}

/** The base of every broken pack: languages [kk, en], the lesson first-steps, media/shield.png. */
function smallPack(): Files {
  return {
    'pack.yaml': PACK_YAML.replace('languages: [kk, ru, en]', 'languages: [kk, en]')
      .replace(/^ {2}ru: .*\n/gm, ''),
    'media/shield.png': SHIELD_PNG,
    'lessons/first-steps/kk.md': FIRST_STEPS.kk,
    'lessons/first-steps/en.md': FIRST_STEPS.en,
  };
}

/** Replaces exactly one occurrence, so a fixture never silently stops being broken. */
function edit(text: string | Uint8Array | undefined, from: string | RegExp, to: string): string {
  if (typeof text !== 'string') throw new Error('edit: not a text file');
  const pattern = typeof from === 'string' ? from : new RegExp(from.source, 'm');
  const count = typeof from === 'string' ? text.split(from).length - 1 : [...text.matchAll(new RegExp(from.source, 'gm'))].length;
  if (count !== 1) throw new Error(`edit: ${String(from)} occurs ${count} times`);
  return text.replace(pattern, to);
}

function with_(files: Files, change: (f: Files) => void): Files {
  const copy = { ...files };
  change(copy);
  return copy;
}

const HOSTILE_BODY = `
# Hostile markup

This paragraph is safe and must stay visible.

<script>alert(1)</script>

<img src=media/shield.png onerror=alert(1)>

<iframe src="https://evil.example/frame"></iframe>

[click](javascript:alert(1))

[x](vbscript:msgbox)

[d](data:text/html;base64,PHNjcmlwdD4=)

<style>body{display:none}</style>

<form><input></form>

<object data="https://evil.example/x.swf"></object>

<embed src="https://evil.example/x.swf">

<link rel=stylesheet href=https://evil.example/x.css>

Inline: <script>alert(2)</script> and <img src="media/shield.png" onerror="alert(3)"> and <a href="javascript:alert(4)" onclick="alert(5)">a link</a>.

:::tip
<script>alert(6)</script>
[also](javascript:alert(7))
:::

The last paragraph is safe too, with a web link that the app asks about first: [UNICEF](https://www.unicef.org/).
`;

function hostilePack(): Files {
  return with_(smallPack(), (f) => {
    f['pack.yaml'] = edit(edit(f['pack.yaml'], 'id: fixture-good', 'id: fixture-hostile'), 'en: Test pack', 'en: Hostile markup test pack');
    for (const lang of ['kk', 'en'] as const) {
      const path = `lessons/first-steps/${lang}.md`;
      const text = f[path] as string;
      f[path] = text.slice(0, text.indexOf('\n---\n') + 5) + HOSTILE_BODY;
    }
  });
}

const KK = 'lessons/first-steps/kk.md';
const EN = 'lessons/first-steps/en.md';

// ---------------------------------------------------------------------------
// Worksheets (docs/worksheet-format.md): a worksheet and a family letter for
// first-steps, in kk and en. Line numbers matter: the tests assert them.
//   worksheet:  1 ---  2 id  3 lesson  4 kind  5 title  6 minutes  7 order  8 ---
//               10 instructions  12 :::choice  17 answer  18 :::  20 :::truefalse
//               26 ## Part 2  28 :::match  35 :::order  42 :::lines 3  44 answer

const QUIZ: Record<'kk' | 'en', string> = {
  kk: `---
id: first-steps-quiz
lesson: first-steps
kind: worksheet
title: Интернеттегі алғашқы қадамдар — өзіңді тексер
minutes: 15
order: 1
---

Сұрақтарға өз бетіңше жауап бер. Содан кейін жауаптарыңды жұбыңмен салыстыр.

:::choice
Сенің құпиясөзіңді кім біле алады?
- [ ] Ең жақын досың
- [x] Тек өзің
- [ ] Оны сұраған ойын модераторы
answer: Сенен басқа ешкім, тіпті ең жақын досың да білмеуі керек.
:::

:::truefalse
Дұрыс па, бұрыс па? Белгіле.
- true: Күмәнді сілтемені ашпаған дұрыс.
- false: Ойын чатына үйіңнің мекенжайын жазуға болады.
:::

## 2-бөлім

:::match
Әр ережені оның неге маңызды екенімен сәйкестендір.
- Құпиясөзіңді ешкімге айтпа = Аккаунтың тек саған тиесілі болады
- Мекенжайыңды бейтанысқа жазба = Жеке деректерің қорғалады
- Суретті жарияламас бұрын рұқсат сұра = Басқалардың жеке өміріне құрмет көрсетіледі
:::

:::order
Чатта бірдеңе дұрыс емес сияқты. Қадамдарды ретімен нөмірле.
1. Жауап беруді тоқтат
2. Скриншот жаса
3. Сенімді ересекке айт
:::

:::lines 3
Интернетте қауіпсіз болу үшін не істейтініңді жаз.
answer: Сабақтағы кез келген бір ереже, мысалы, күмәнді сілтемені ашпау.
:::
`,
  en: `---
id: first-steps-quiz
lesson: first-steps
kind: worksheet
title: First steps online — check yourself
minutes: 15
order: 1
---

Answer the questions on your own. Then compare your answers with a partner.

:::choice
Who may know your password?
- [ ] Your best friend
- [x] Only you
- [ ] A game moderator who asks for it
answer: Nobody but you, not even your best friend.
:::

:::truefalse
Tick true or false.
- true: A link you are unsure about is better left unopened.
- false: It is fine to post your home address in a game chat.
:::

## Part 2

:::match
Match each rule with why it matters.
- Keep your password secret = Your account stays yours
- Do not send your address to strangers = Your personal data stays private
- Ask before you post a photo of someone = Other people's privacy is respected
:::

:::order
Something feels wrong in a chat. Number the steps in order.
1. Stop replying
2. Take a screenshot
3. Tell an adult you trust
:::

:::lines 3
Write one thing you will do to stay safe online.
answer: Any one rule from the lesson, for example not opening links you are unsure about.
:::
`,
};

//   letter:  1 ---  2 id  3 lesson  4 kind  5 title  6 ---  8 greeting  10 text  12 :::talk  13 intro  14–16 points  17 :::  19 closing
const LETTER: Record<'kk' | 'en', string> = {
  kk: `---
id: first-steps-letter
lesson: first-steps
kind: family-letter
title: Ата-аналарға хат — интернеттегі алғашқы қадамдар
---

Құрметті ата-аналар!

Бүгін балаңыз интернетте қауіпсіз болудың үш қарапайым ережесін үйренді.

:::talk
Кешкі ас үстінде сұрап көріңіз:
- Қай қолданбалар мен ойындарды жиі пайдаланасың?
- Біреу құпиясөзіңді сұраса, не істейсің?
- Интернетте бір нәрсе көңіліңді түсірсе, кімге айтасың?
:::

Балаңызбен әңгімелескеніңіз үшін рақмет.
`,
  en: `---
id: first-steps-letter
lesson: first-steps
kind: family-letter
title: A letter to families — first steps online
---

Dear parents and carers,

Today your child learned three simple rules for staying safe online.

:::talk
Ask over dinner:
- Which apps and games do you use most?
- What would you do if someone asked for your password?
- Whom would you tell if something online upset you?
:::

Thank you for talking with your child.
`,
};

const QUIZ_KK = 'worksheets/first-steps-quiz/kk.md';
const QUIZ_EN = 'worksheets/first-steps-quiz/en.md';
const LETTER_EN = 'worksheets/first-steps-letter/en.md';

/** The small pack with a worksheet and a family letter for its lesson, in kk and en: valid. */
function worksheetPack(): Files {
  return with_(smallPack(), (f) => {
    f['pack.yaml'] = edit(f['pack.yaml'], 'id: fixture-good', 'id: fixture-worksheets');
    for (const lang of ['kk', 'en'] as const) {
      f[`worksheets/first-steps-quiz/${lang}.md`] = QUIZ[lang];
      f[`worksheets/first-steps-letter/${lang}.md`] = LETTER[lang];
    }
  });
}

/** The worksheet pack with one kind of thing broken: what lint and import say about worksheets. */
function brokenWorksheetPacks(): Record<string, Files> {
  const w = worksheetPack;
  return {
    'worksheet-unknown-lesson': with_(w(), (f) => {
      for (const path of [QUIZ_KK, QUIZ_EN]) f[path] = edit(f[path], 'lesson: first-steps\n', 'lesson: first-step\n');
    }),
    'worksheet-missing-language': with_(w(), (f) => {
      delete f[LETTER_EN];
    }),
    // Mistakes inside one file, each on its own line.
    'worksheet-blocks': with_(w(), (f) => {
      f[QUIZ_EN] = edit(
        edit(edit(edit(f[QUIZ_EN], '- [x] Only you\n', '- [ ] Only you\n'), ':::lines 3\n', ':::lines 30\n'), ':::truefalse\n', ':::true-false\n'),
        'Other people\'s privacy is respected\n:::\n',
        "Other people's privacy is respected\n:::\nanswer: 1 with A, 2 with B, 3 with C.\n",
      );
    }),
    // Each language must ask the same questions with the same right answers.
    'worksheet-languages-differ': with_(w(), (f) => {
      f[QUIZ_EN] = edit(edit(f[QUIZ_EN], '- [ ] Your best friend\n- [x] Only you\n', '- [x] Your best friend\n- [ ] Only you\n'), '3. Tell an adult you trust\n', '');
    }),
  };
}

// ---------------------------------------------------------------------------
// Quizzes (docs/quiz-format.md): one quiz for first-steps with every kind of
// question, its text in kk and en. Line numbers matter: the tests assert them.
//   2 id  3 lesson  4 title  7 passMark  8 questions
//   9 single "password" (options 15, 22, 30)   37 multiple "private-data" (options 43, 51, 59)
//   66 truefalse "unsure-link"   81 order "chat-steps" (items 87, 91, 98)
//   102 match "rules" (pairs 108, 115)   125 explanation

const QUIZ_FILE = 'quizzes/first-steps-check.yaml';
const QUIZ_YAML = `# A Qorgau test fixture, written by scripts/make-pack-fixtures.ts
id: first-steps-check
lesson: first-steps
title:
  kk: Интернеттегі алғашқы қадамдар — тест
  en: First steps online — quiz
passMark: 60
questions:
  - id: password
    kind: single
    text:
      kk: Сенің құпиясөзіңді кім біле алады?
      en: Who may know your password?
    options:
      - id: friend
        text:
          kk: Ең жақын досың
          en: Your best friend
        feedback:
          kk: Жоқ. Ең жақын досың да оны абайсызда біреуге айтып қоюы мүмкін.
          en: No. Even a best friend can pass it on by accident.
      - id: only-you
        correct: true
        text:
          kk: Тек өзің
          en: Only you
        feedback:
          kk: Дұрыс! Құпиясөз тек сенікі.
          en: Right! Your password is yours alone.
      - id: moderator
        text:
          kk: Оны сұраған ойын модераторы
          en: A game moderator who asks for it
        feedback:
          kk: Жоқ. Шын модератор ешқашан құпиясөз сұрамайды.
          en: No. A real moderator never asks for your password.
  - id: private-data
    kind: multiple
    text:
      kk: Ортақ чатқа нені жазбау керек? Барлық дұрыс жауапты белгіле.
      en: What should you not post in a public chat? Tick every right answer.
    options:
      - id: address
        correct: true
        text:
          kk: Үйіңнің мекенжайын
          en: Your home address
        feedback:
          kk: Иә. Бейтаныс адам сені үйіңнен таба алады.
          en: Yes. A stranger could find your home.
      - id: password
        correct: true
        text:
          kk: Құпиясөзіңді
          en: Your password
        feedback:
          kk: Иә. Құпиясөзді ешкімге жазба.
          en: Yes. Never write your password to anyone.
      - id: favourite-game
        text:
          kk: Сүйікті ойыныңды
          en: Your favourite game
        feedback:
          kk: Мұны айтуға болады. Ол арқылы сені ешкім таба алмайды.
          en: That is fine to share. Nobody can find you from it.
  - id: unsure-link
    kind: truefalse
    text:
      kk: Күмәнді сілтемені ашпаған дұрыс.
      en: A link you are unsure about is better left unopened.
    answer: true
    ifTrue:
      kk: Дұрыс. Алдымен ересек адамнан сұра.
      en: Right. Ask an adult first.
    ifFalse:
      kk: Олай емес. Күмәнді сілтеме зиянды сайтқа апаруы мүмкін.
      en: Not so. A link you are unsure about can lead to a harmful site.
    explanation:
      kk: Сілтемені ашпас бұрын кім жібергенін ойлан.
      en: Before you open a link, think about who sent it.
  - id: chat-steps
    kind: order
    text:
      kk: Чатта бірдеңе дұрыс емес сияқты. Қадамдарды ретімен қой.
      en: Something feels wrong in a chat. Put the steps in order.
    items:
      - id: stop
        text:
          kk: Жауап беруді тоқтат
          en: Stop replying
      - id: screenshot
        text:
          kk: Скриншот жаса
          en: Take a screenshot
        feedback:
          kk: Скриншотты бұғаттамас бұрын жаса, кейін чат жоғалып кетуі мүмкін.
          en: Take the screenshot before you block. Afterwards the chat may be gone.
      - id: tell
        text:
          kk: Сенімді ересекке айт
          en: Tell an adult you trust
  - id: rules
    kind: match
    text:
      kk: Әр ережені оның неге маңызды екенімен сәйкестендір.
      en: Match each rule with why it matters.
    pairs:
      - id: secret-password
        left:
          kk: Құпиясөзіңді ешкімге айтпа
          en: Keep your password secret
        right:
          kk: Аккаунтың тек саған тиесілі болады
          en: Your account stays yours
      - id: private-address
        left:
          kk: Мекенжайыңды бейтанысқа жазба
          en: Do not send your address to strangers
        right:
          kk: Жеке деректерің қорғалады
          en: Your personal data stays private
        feedback:
          kk: Мекенжай — жеке дерек. Ол сені табуға көмектеседі.
          en: An address is personal data. It helps someone find you.
    explanation:
      kk: Қарапайым ережелер аккаунтыңды да, өзіңді де қорғайды.
      en: Simple rules protect your account and you.
`;

/** The small pack with the quiz for its lesson: valid. */
function quizPack(): Files {
  return with_(smallPack(), (f) => {
    f['pack.yaml'] = edit(f['pack.yaml'], 'id: fixture-good', 'id: fixture-quizzes');
    f[QUIZ_FILE] = QUIZ_YAML;
  });
}

/** The quiz pack with one kind of thing broken: what lint and import say about quizzes. */
function brokenQuizPacks(): Record<string, Files> {
  const q = quizPack;
  return {
    'quiz-unknown-lesson': with_(q(), (f) => {
      f[QUIZ_FILE] = edit(f[QUIZ_FILE], 'lesson: first-steps\n', 'lesson: first-step\n');
    }),
    // Shapes the schema refuses: an unknown kind, a pass mark over 100, a matching question with one pair, a misspelt field.
    'quiz-schema': with_(q(), (f) => {
      let text = edit(f[QUIZ_FILE], 'passMark: 60\n', 'passMark: 150\n');
      text = edit(text, '    kind: truefalse\n', '    kind: true-false\n');
      text = edit(text, /^ {6}- id: private-address\n(?: {8}.*\n)+/, '');
      text = edit(text, '        correct: true\n        text:\n          kk: Тек өзің', '        right: true\n        text:\n          kk: Тек өзің');
      f[QUIZ_FILE] = text;
    }),
    // Right answers: two in a single-answer question, none in a multiple-answer one; two steps with the same text.
    'quiz-answers': with_(q(), (f) => {
      let text = edit(f[QUIZ_FILE], '      - id: moderator\n', '      - id: moderator\n        correct: true\n');
      text = text.replace(/( {6}- id: (?:address|password)\n) {8}correct: true\n/g, '$1');
      text = edit(text, '          en: Tell an adult you trust\n', '          en: Stop replying\n');
      f[QUIZ_FILE] = text;
    }),
    // The file renamed but not its id, an id used twice, text missing in one language.
    'quiz-ids-and-languages': with_(q(), (f) => {
      let text = edit(f[QUIZ_FILE], '  - id: rules\n', '  - id: password\n');
      text = edit(text, '      - id: tell\n', '      - id: stop\n');
      text = edit(text, '          en: Take the screenshot before you block. Afterwards the chat may be gone.\n', '');
      delete f[QUIZ_FILE];
      f['quizzes/first-steps-test.yaml'] = text;
    }),
  };
}


/** One folder per rule: the small pack with exactly one thing broken. */
function brokenPacks(): Record<string, Files> {
  const s = smallPack;
  return {
    'yaml-syntax': with_(s(), (f) => {
      // One space short: "All mapping items must start at the same column", on the line itself.
      f['pack.yaml'] = edit(f['pack.yaml'], '  en: Test pack\n', ' en: Test pack\n');
    }),
    'front-matter-unknown-field': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'title: Интернеттегі алғашқы қадамдар\n', 'title: Интернеттегі алғашқы қадамдар\ncolour: көк\n');
    }),
    'front-matter-missing': with_(s(), (f) => {
      f[KK] = edit(f[KK], /^---\nid: /, 'id: ');
    }),
    'front-matter-unclosed': with_(s(), (f) => {
      f[KK] = edit(f[KK], '    definition: Өзіңді және басқаларды зияннан қорғау.\n---\n', '    definition: Өзіңді және басқаларды зияннан қорғау.\n');
    }),
    'missing-required': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'minutes: 30\n', '');
    }),
    'wrong-enum': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'topic: privacy\n', 'topic: weather\n');
    }),
    'missing-language': with_(s(), (f) => {
      delete f[EN];
    }),
    'unknown-language': with_(s(), (f) => {
      f['lessons/first-steps/de.md'] = edit(FIRST_STEPS.en, 'title: First steps online', 'title: Erste Schritte im Internet');
    }),
    'duplicate-id': with_(s(), (f) => {
      // A copied folder whose front matter was not updated.
      f['lessons/second-steps/kk.md'] = edit(f[KK], 'order: 10', 'order: 11');
      f['lessons/second-steps/en.md'] = edit(f[EN], 'order: 10', 'order: 11');
    }),
    'id-mismatch': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'id: first-steps\n', 'id: first-step\n');
    }),
    'missing-media': with_(s(), (f) => {
      f[KK] = edit(f[KK], '](media/shield.png)', '](media/lock.png)');
    }),
    'remote-image': with_(s(), (f) => {
      f[EN] = edit(f[EN], '](media/shield.png)', '](https://example.org/shield.png)');
    }),
    'unknown-block': with_(s(), (f) => {
      f[EN] = edit(f[EN], ':::warning\n', ':::danger\n');
    }),
    'unclosed-block': with_(s(), (f) => {
      f[EN] = edit(f[EN], 'type in your personal details.\n:::\n', 'type in your personal details.\n');
    }),
    'invalid-utf8': with_(s(), (f) => {
      // Line 7 is the summary. 0xC3 starts a two-byte sequence; 0x28 "(" cannot continue it.
      const text = f[KK] as string;
      const at = text.indexOf('summary: Интернетте ') + 'summary: Интернетте '.length;
      const before = enc.encode(text.slice(0, at));
      const after = enc.encode(text.slice(at));
      f[KK] = new Uint8Array([...before, 0xc3, 0x28, ...after]);
    }),
    'unexpected-file': with_(s(), (f) => {
      f['lessons/first-steps/notes.txt'] = 'Ideas for the next version of this lesson.\n';
      f['script.js'] = "alert('hello');\n";
    }),
    'bad-media-type': with_(s(), (f) => {
      f['media/run.exe'] = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
    }),
    'no-lessons': with_(s(), (f) => {
      delete f[KK];
      delete f[EN];
    }),
    'unsupported-format': with_(s(), (f) => {
      f['pack.yaml'] = edit(f['pack.yaml'], 'formatVersion: 1\n', 'formatVersion: 2\n');
    }),
    // Further rules, beyond the ones every pack author meets first.
    'missing-pack-yaml': with_(s(), (f) => {
      delete f['pack.yaml'];
    }),
    'bad-version': with_(s(), (f) => {
      f['pack.yaml'] = edit(f['pack.yaml'], 'version: 1.0.0\n', 'version: v1\n');
    }),
    'minutes-too-small': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'minutes: 30\n', 'minutes: 2\n');
    }),
    'minutes-wrong-type': with_(s(), (f) => {
      f[KK] = edit(f[KK], 'minutes: 30\n', 'minutes: half an hour\n');
    }),
    'empty-title': with_(s(), (f) => {
      f[EN] = edit(f[EN], 'title: First steps online\n', 'title: ""\n');
    }),
    'empty-objectives': with_(s(), (f) => {
      f[EN] = edit(f[EN], /^objectives:\n( {2}- .*\n)+/, 'objectives: []\n');
    }),
  };
}

export function fixtureFolders(): Record<string, Files> {
  const good = goodPack();
  return {
    good,
    'good-v2': with_(good, (f) => {
      f['pack.yaml'] = edit(f['pack.yaml'], 'version: 1.0.0\n', 'version: 1.1.0\n');
      f['lessons/first-steps/en.md'] = edit(f['lessons/first-steps/en.md'], 'title: First steps online\n', 'title: Your first steps online\n');
    }),
    'good-v0': with_(good, (f) => {
      f['pack.yaml'] = edit(f['pack.yaml'], 'version: 1.0.0\n', 'version: 0.9.0\n');
    }),
    'hostile-markdown': hostilePack(),
    'good-worksheets': worksheetPack(),
    'good-quizzes': quizPack(),
    ...brokenPacks(),
    ...brokenWorksheetPacks(),
    ...brokenQuizPacks(),
  };
}

// ---------------------------------------------------------------------------
// .qpack files

const STORED = /\.(png|jpe?g|gif|webp)$/i;

/** Zips entries as they are (no manifest is computed), with the same settings as buildQpack. */
function zipAsIs(entries: Record<string, Uint8Array>): Uint8Array {
  const zip: Zippable = {};
  for (const [path, bytes] of Object.entries(entries)) zip[path] = [bytes, { level: STORED.test(path) ? 0 : 6, mtime: FIXED_MTIME }];
  return zipSync(zip);
}

const asList = (files: Files) =>
  Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, v]) => ({ path, bytes: bytesOf(v) }));

/** Builds a pack with buildQpack, then lets `tamper` change the entries, manifest included, before zipping again. */
async function tampered(files: Files, tamper: (entries: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const entries = unzipSync(await buildQpack(asList(files)));
  tamper(entries);
  return zipAsIs(entries);
}

/** Same length, different bytes: the manifest's size still matches, its hash does not. */
function replaceSameLength(bytes: Uint8Array | undefined, from: string, to: string): Uint8Array {
  if (!bytes) throw new Error('replaceSameLength: no such entry');
  const text = new TextDecoder().decode(bytes);
  const out = enc.encode(edit(text, from, to));
  if (out.length !== bytes.length) throw new Error('replaceSameLength: length changed');
  return out;
}

export async function qpackOnlyFixtures(): Promise<Record<string, Uint8Array>> {
  const good = goodPack();
  const goodList = asList(good);
  return {
    'no-manifest': zipAsIs(Object.fromEntries(goodList.map((f) => [f.path, f.bytes]))),
    'hash-mismatch': await tampered(good, (e) => {
      e['lessons/first-steps/kk.md'] = replaceSameLength(e['lessons/first-steps/kk.md'], 'minutes: 30', 'minutes: 35');
    }),
    'size-mismatch': await tampered(good, (e) => {
      e['lessons/first-steps/kk.md'] = enc.encode(new TextDecoder().decode(e['lessons/first-steps/kk.md']).replace('minutes: 30', 'minutes: 300'));
    }),
    'unlisted-file': await tampered(good, (e) => {
      e['media/extra.png'] = BADGE_PNG;
    }),
    'manifest-missing-file': await tampered(good, (e) => {
      delete e['lessons/safe-passwords/ru.md'];
    }),
    'manifest-invalid': await tampered(good, (e) => {
      e['manifest.json'] = enc.encode('{ "formatVersion": 1, "files": [ }\n');
    }),
    // Text is valid; media/badge.png (new) is written before media/shield.png fails its hash.
    'media-hash-mismatch': await tampered({ ...good, 'media/badge.png': BADGE_PNG }, (e) => {
      const shield = e['media/shield.png'];
      if (!shield) throw new Error('no shield');
      const bad = shield.slice();
      bad[bad.length - 13] = (bad[bad.length - 13] ?? 0) ^ 0xff; // inside the IDAT checksum: same size, other bytes
      e['media/shield.png'] = bad;
    }),
  };
}

// ---------------------------------------------------------------------------

function writeFolder(name: string, files: Files): void {
  const dir = join(PACKS_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [path, v] of Object.entries(files)) {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytesOf(v));
  }
}

/** The files of a folder on disk, sorted by code point, as buildQpack takes them. */
function readFolder(dir: string): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(dir, full).split(sep).join('/'), bytes: new Uint8Array(readFileSync(full)) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function main(): Promise<void> {
  // buildQpack stamps entries with a Date in UTC, and fflate writes DOS times
  // in local time: pin the zone so the output is the same on every machine.
  process.env.TZ = 'UTC';
  const folders = fixtureFolders();
  for (const [name, files] of Object.entries(folders)) writeFolder(name, files);
  mkdirSync(QPACK_DIR, { recursive: true });
  for (const name of Object.keys(folders)) {
    writeFileSync(join(QPACK_DIR, `${name}.qpack`), await buildQpack(readFolder(join(PACKS_DIR, name))));
  }
  for (const [name, bytes] of Object.entries(await qpackOnlyFixtures())) writeFileSync(join(QPACK_DIR, `${name}.qpack`), bytes);
  console.log(`wrote ${Object.keys(folders).length} folders and their .qpack files to ${PACKS_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
