import { describe, expect, it } from 'vitest';
import {
  LessonSearch,
  normalize,
  stemEnglish,
  stemKazakh,
  stemRussian,
  tokenize,
  type SearchDoc,
} from '../../src/core/search';

const LESSONS: SearchDoc[] = [
  {
    id: 'kk-internet-safety',
    lang: 'kk',
    title: 'Интернеттегі қауіпсіздік',
    text: 'Интернетте жеке ақпаратыңызды бөгде адамдарға бермеңіз. Құпиясөзіңізді ешкімге айтпаңыз.',
  },
  {
    id: 'kk-first-steps',
    lang: 'kk',
    title: 'Алғашқы қадамдар',
    text: 'Мектеп компьютері интернетке қосылған. Мұғалім оқушыларға браузерді ашуды көрсетеді.',
  },
  {
    id: 'kk-child',
    lang: 'kk',
    title: 'Бала және гаджет',
    text: 'Бала күніне екі сағаттан артық экранға қарамауы керек. Интернет пайдалы, бірақ шектеу қажет.',
  },
  {
    id: 'kk-social',
    lang: 'kk',
    title: 'Желідегі достар',
    text: 'Әлеуметтік желілерде бейтаныс адамдардың достық ұсынысын қабылдамаңыз. Фотоларды ойланып жариялаңыз.',
  },
  {
    id: 'kk-fish',
    lang: 'kk',
    title: 'Көлдегі балық',
    text: 'Атам көлден үлкен балық ұстады. Балықтар суда өмір сүреді.',
  },
  {
    id: 'kk-mother',
    lang: 'kk',
    title: 'Ана тілі',
    text: 'Ана тілін құрметте. Анасы баласына ертегі оқып берді.',
  },
  {
    id: 'kk-analysis',
    lang: 'kk',
    title: 'Деректерді талдау',
    text: 'Сауалнама нәтижелеріне анализ жасаймыз. Анау кестеде барлық сандар бар.',
  },
  {
    id: 'ru-bullying',
    lang: 'ru',
    title: 'Что делать, если тебя травят',
    text: 'Если ты видишь травлю в чате, не молчи. Жертвы травли часто боятся рассказать взрослым.',
  },
  {
    id: 'ru-trauma',
    lang: 'ru',
    title: 'Первая помощь',
    text: 'При травме руки нужно позвать учителя. Травма требует осмотра врача.',
  },
  {
    id: 'ru-child',
    lang: 'ru',
    title: 'Ребёнок и смартфон',
    text: 'Родители часто дают смартфон детям слишком рано. Ребёнку нужен понятный распорядок.',
  },
  {
    id: 'ru-kids-online',
    lang: 'ru',
    title: 'Безопасность детей в сети',
    text: 'В интернете детей подстерегают мошенники. Научите детей не сообщать пароль.',
  },
  {
    id: 'ru-internet-history',
    lang: 'ru',
    title: 'История сети',
    text: 'Мы познакомимся с интернетом и узнаем, как письма проходят путь от компьютера к компьютеру.',
  },
  {
    id: 'en-photos',
    lang: 'en',
    title: 'Sharing photos safely',
    text: 'Before you post a photo, ask whether everyone in the picture agrees.',
  },
  {
    id: 'en-bullying',
    lang: 'en',
    title: 'Stopping cyberbullying',
    text: 'If someone bullies you online, save the messages and tell an adult you trust.',
  },
];

function ids(search: LessonSearch, query: string, options?: Parameters<LessonSearch['search']>[1]): string[] {
  return search.search(query, options).map((h) => h.id);
}

function indexed(docs: SearchDoc[] = LESSONS): LessonSearch {
  const search = new LessonSearch();
  search.addAll(docs);
  return search;
}

describe('lesson search: Kazakh', () => {
  const search = indexed();

  it('finds lessons that say "интернетте" and "интернетке" when the teacher types "интернет"', () => {
    const found = ids(search, 'интернет ');
    expect(found).toContain('kk-internet-safety'); // интернетте, интернеттегі
    expect(found).toContain('kk-first-steps'); // интернетке
  });

  it('finds a lesson that says "бала" when the query is "балаларға"', () => {
    expect(ids(search, 'балаларға')).toContain('kk-child');
  });

  it('finds a lesson that says "интернет" when the query is "интернетте"', () => {
    expect(ids(search, 'интернетте')).toContain('kk-child');
  });

  it('finds "қауіпсіздік" from an all-caps query "ҚАУІПСІЗДІК"', () => {
    expect(ids(search, 'ҚАУІПСІЗДІК')).toEqual(['kk-internet-safety']);
  });

  it('finds "әлеуметтік желілерде" from "Әлеуметтік" and from "желі"', () => {
    expect(ids(search, 'Әлеуметтік')).toEqual(['kk-social']);
    expect(ids(search, 'әлеуметтік желі')).toEqual(['kk-social']);
  });

  it('finds possessive and case forms from the plain word ("мұғалім" ↔ "мұғалімге", "оқушы" ↔ "оқушыларға")', () => {
    expect(ids(search, 'мұғалімге')).toEqual(['kk-first-steps']);
    expect(ids(search, 'оқушы')).toEqual(['kk-first-steps']);
    expect(ids(search, 'құпиясөз')).toEqual(['kk-internet-safety']);
  });

  it('needs every word of the query: "бала интернет" finds only the lesson with both', () => {
    expect(ids(search, 'бала интернет')).toEqual(['kk-child']);
  });

  it('ignores "және" between words', () => {
    expect(ids(search, 'бала және гаджет')).toEqual(['kk-child']);
  });

  it('does not mistake "балық" (fish) for "бала" (child)', () => {
    expect(ids(search, 'бала')).not.toContain('kk-fish');
    expect(ids(search, 'балалар')).not.toContain('kk-fish');
    expect(ids(search, 'балық')).toEqual(['kk-fish']);
  });

  it('finds "ана" (mother) without matching every word that starts with "ана"', () => {
    const found = ids(search, 'ана');
    expect(found).toEqual(['kk-mother']);
    expect(found).not.toContain('kk-analysis'); // анализ, анау
  });

  it('reads Kazakh typed with a Latin "i" the same as with "і"', () => {
    expect(ids(search, 'қауiпсiздiк')).toEqual(['kk-internet-safety']);
  });

  it('finds a Latin app name written with a Kazakh ending ("Instagramда")', () => {
    const withApp = indexed([{ id: 'ig', lang: 'kk', title: 'Профиль', text: 'Instagramда жабық профиль жасаңыз.' }]);
    expect(ids(withApp, 'instagram')).toEqual(['ig']);
  });
});

describe('lesson search: Russian', () => {
  const search = indexed();

  it('finds "травлю" and "травли" from "травля", but not "травма"', () => {
    const found = ids(search, 'травля');
    expect(found).toContain('ru-bullying');
    expect(found).not.toContain('ru-trauma');
  });

  it('finds "ребёнок" from "ребенок" typed without ё', () => {
    expect(ids(search, 'ребенок')).toEqual(['ru-child']);
    expect(ids(search, 'Ребёнок')).toEqual(['ru-child']);
  });

  it('finds "ребёнок" from "ребенка", where the stem loses its vowel', () => {
    expect(ids(search, 'ребенка ')).toEqual(['ru-child']);
    expect(ids(search, 'ребёнку ')).toEqual(['ru-child']);
  });

  it('still finds a lesson when a long word has a typo, but only as a fallback', () => {
    expect(ids(search, 'безопастность ')).toEqual(['ru-kids-online']);
    // "травля" exists, so the typo-tolerant retry does not add "травма" lessons
    expect(ids(search, 'травля ')).toEqual(['ru-bullying']);
  });

  it('finds "детей" from "дети"', () => {
    expect(ids(search, 'дети')).toContain('ru-kids-online');
  });

  it('finds "интернете" and "интернетом" from "интернет"', () => {
    const found = ids(search, 'интернет ', { lang: 'ru' });
    expect(found).toContain('ru-kids-online'); // в интернете
    expect(found).toContain('ru-internet-history'); // с интернетом
  });

  it('finds a lesson from a whole phrase with prepositions: "безопасность детей в интернете"', () => {
    expect(ids(search, 'безопасность детей в интернете')).toEqual(['ru-kids-online']);
  });
});

describe('lesson search: English', () => {
  const search = indexed();

  it('finds "photo" and "photos" from either form', () => {
    expect(ids(search, 'photos')).toEqual(['en-photos']);
    expect(ids(search, 'photo ')).toEqual(['en-photos']);
  });

  it('finds "bullies" from "bullying"', () => {
    expect(ids(search, 'bullying')).toContain('en-bullying');
    expect(ids(search, 'bully')).toContain('en-bullying');
  });
});

describe('lesson search: behaviour', () => {
  it('returns nothing for a query that matches nothing, or for an empty query', () => {
    const search = indexed();
    expect(search.search('динозавр')).toEqual([]);
    expect(search.search('')).toEqual([]);
    expect(search.search('  ,.!  ')).toEqual([]);
    expect(search.search('и в на')).toEqual([]);
  });

  it('only shows lessons in the chosen language', () => {
    const search = indexed();
    expect(ids(search, 'интернет ', { lang: 'kk' }).every((id) => id.startsWith('kk-'))).toBe(true);
    expect(ids(search, 'интернет ', { lang: 'ru' }).every((id) => id.startsWith('ru-'))).toBe(true);
    expect(ids(search, 'photo', { lang: 'kk' })).toEqual([]);
  });

  it('finds an unchanged loanword in both languages when no language is chosen', () => {
    const found = ids(indexed(), 'интернет ');
    expect(found).toContain('kk-child');
    expect(found).toContain('ru-kids-online');
  });

  it('ranks a lesson with the word in its title above one with it only in the text', () => {
    const search = indexed([
      { id: 'text', lang: 'kk', title: 'Сабақ жоспары', text: 'Бүгін біз құпиясөз туралы сөйлесеміз. Құпиясөз ұзын болуы керек.' },
      { id: 'title', lang: 'kk', title: 'Құпиясөз', text: 'Бүгін біз жаңа тақырыпты бастаймыз.' },
    ]);
    expect(ids(search, 'құпиясөз')).toEqual(['title', 'text']);
  });

  it('finds lessons while the last word is still being typed', () => {
    const search = indexed();
    expect(ids(search, 'қауіпсі')).toEqual(['kk-internet-safety']);
    expect(ids(search, 'безопасность дет')).toEqual(['ru-kids-online']);
  });

  it('forgets a removed lesson and ignores unknown ids', () => {
    const search = indexed();
    expect(ids(search, 'ҚАУІПСІЗДІК')).toEqual(['kk-internet-safety']);
    search.remove('kk-internet-safety');
    search.remove('no-such-lesson');
    expect(ids(search, 'ҚАУІПСІЗДІК')).toEqual([]);
    expect(search.size).toBe(LESSONS.length - 1);
  });

  it('replaces a lesson added again with the same id', () => {
    const search = indexed();
    search.add({ id: 'kk-fish', lang: 'kk', title: 'Көлдегі құстар', text: 'Аққулар көлге ұшып келді.' });
    expect(ids(search, 'балық')).toEqual([]);
    expect(ids(search, 'аққу')).toEqual(['kk-fish']);
    expect(search.size).toBe(LESSONS.length);
  });

  it('gives the same results whether lessons are loaded at once or one by one', () => {
    const bulk = indexed();
    const oneByOne = new LessonSearch();
    for (const lesson of LESSONS) oneByOne.add(lesson);
    for (const query of ['интернет ', 'балаларға', 'травля', 'дети', 'photos', 'қауіпсі', 'ребенка ']) {
      const a = bulk.search(query);
      const b = oneByOne.search(query);
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      a.forEach((hit, i) => expect(hit.score).toBeCloseTo(b[i]!.score, 10));
    }
    bulk.remove('kk-child');
    oneByOne.remove('kk-child');
    expect(ids(bulk, 'интернет ')).toEqual(ids(oneByOne, 'интернет '));
  });

  it('starts empty again after clear', () => {
    const search = indexed();
    search.clear();
    expect(search.size).toBe(0);
    expect(search.search('интернет')).toEqual([]);
    search.add({ id: 'a', lang: 'en', title: 'Passwords', text: 'Use long passwords.' });
    expect(ids(search, 'password')).toEqual(['a']);
  });

  it('respects the limit and returns best hits first', () => {
    const search = indexed();
    const hits = search.search('интернет ', { limit: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });
});

describe('text normalisation', () => {
  it('lowercases every Kazakh letter', () => {
    expect(normalize('ӘҒҚҢӨҰҮҺІ')).toBe('әғқңөұүһі');
    expect(normalize('ҚАЗАҚСТАН')).toBe('қазақстан');
  });

  it('folds ё to е and drops soft hyphens and stress marks', () => {
    expect(normalize('Ребёнок')).toBe('ребенок');
    expect(normalize('ЁЛКА')).toBe('елка');
    expect(normalize('ин\u00ADтер\u00ADнет')).toBe('интернет');
    expect(normalize('приве\u0301т')).toBe('привет');
    expect(normalize('и\u0306од')).toBe('йод'); // decomposed й stays й
  });

  it('splits words on punctuation and hyphens', () => {
    expect(tokenize('Ата-ана, мұғалім және оқушы!')).toEqual(['ата', 'ана', 'мұғалім', 'және', 'оқушы']);
    expect(tokenize('5-сынып: Wi-Fi')).toEqual(['5', 'сынып', 'wi', 'fi']);
    expect(tokenize('бiлiм, Instagramда')).toEqual(['білім', 'instagram', 'да']);
  });
});

describe('stemmers', () => {
  it('Kazakh: strips plural, possessive and case endings down to the same stem', () => {
    const groups = [
      ['интернет', 'интернетте', 'интернетке', 'интернеттегі', 'интернеті', 'интернеттен'],
      ['бала', 'балалар', 'балаларға', 'баласына', 'балаларымыздың', 'баланы'],
      ['сабақ', 'сабағы', 'сабақтар', 'сабаққа'],
      ['телефон', 'телефоны', 'телефонын', 'телефоныңызды', 'телефонда', 'телефондағы'],
      ['желі', 'желілерде', 'желісі', 'желіге'],
      ['қауіпсіздік', 'қауіпсіздігі', 'қауіпсіздікті'],
      ['мектеп', 'мектебі', 'мектепте', 'мектептегі'],
      ['құпиясөз', 'құпиясөзді', 'құпиясөзіңізді', 'құпиясөздерің'],
    ];
    for (const words of groups) {
      expect(new Set(words.map(stemKazakh)), words.join(' ')).toEqual(new Set([stemKazakh(words[0]!)]));
    }
    expect(stemKazakh('балаларға')).toBe('бала');
    expect(stemKazakh('БАЛАЛАРҒА')).toBe('бала');
    expect(stemKazakh('интернеттегі')).toBe('интернет');
  });

  it('Kazakh: keeps short words and roots that only look inflected', () => {
    for (const word of ['ана', 'бақа', 'балық', 'карта', 'компьютер', 'провайдер', 'доллар', 'анализ']) {
      expect(stemKazakh(word)).toBe(word);
    }
  });

  it('Russian: conflates case forms of nouns and adjectives', () => {
    expect(new Set(['травля', 'травлю', 'травли'].map(stemRussian))).toEqual(new Set(['травл']));
    expect(new Set(['дети', 'детей'].map(stemRussian))).toEqual(new Set(['дет']));
    expect(new Set(['интернет', 'интернете', 'интернетом'].map(stemRussian))).toEqual(new Set(['интернет']));
    expect(stemRussian('безопасность')).toBe(stemRussian('безопасный'));
    expect(stemRussian('травма')).not.toBe(stemRussian('травля'));
    expect(new Set(['ребенок', 'ребенка', 'ребенку'].map(stemRussian)).size).toBe(1);
    expect(new Set(['подросток', 'подростки', 'подростков'].map(stemRussian)).size).toBe(1);
    expect(new Set(['незнакомец', 'незнакомца', 'незнакомцы'].map(stemRussian)).size).toBe(1);
    expect(new Set(['настройка', 'настройки', 'настроек'].map(stemRussian)).size).toBe(1);
  });

  it('English: plural, -ing and -ed', () => {
    expect(stemEnglish('photos')).toBe(stemEnglish('photo'));
    expect(new Set(['bully', 'bullies', 'bullying', 'bullied'].map(stemEnglish)).size).toBe(1);
    expect(stemEnglish('sharing')).toBe(stemEnglish('share'));
  });
});
