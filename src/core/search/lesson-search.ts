/**
 * Full-text search over lessons in Kazakh, Russian and English.
 *
 * MiniSearch holds the inverted index and does BM25 scoring; this module
 * decides what the terms are. Each lesson language gets its own pair of
 * fields ("title:kk", "text:kk", …) so that a document's words are stemmed with
 * its own language's stemmer at index time, and so that each stem of a query
 * word is looked up only where it can mean the same thing (see
 * KK_STEM_FIELDS / RU_STEM_FIELDS).
 *
 * Query terms are ANDed; each term is an OR of its possible stems. While the
 * user is still typing the last word (no trailing space), that word also
 * matches as a prefix. Only when that finds nothing is the query retried with
 * one typo allowed in long stems: on the real lessons, edit distance 1 joins
 * too many unrelated words to be on by default (включ~выключ, қорлау~қорғау,
 * report~repost).
 */
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options, Query, SearchOptions } from 'minisearch';
import type { Lang } from '../base/languages';
import { LANGUAGES } from '../base/languages';
import { hasKazakhLetter, normalize, scriptOf, tokenize } from './text';
import { stemKazakh } from './stem-kk';
import { stemRussian } from './stem-ru';
import { stemEnglish } from './stem-en';
import { STOPWORDS } from './stopwords';

export interface SearchDoc {
  id: string;
  lang: Lang;
  title: string;
  text: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchQueryOptions {
  /** Only lessons in this language. */
  lang?: Lang;
  /** Most hits to return (default 50). */
  limit?: number;
}

type Kind = 'title' | 'text';
type FieldName = `${Kind}:${Lang}`;

const TITLE_BOOST = 2;
const DEFAULT_LIMIT = 50;
/** The word being typed matches as a prefix only from this length ("ана" must not find "анализ"). */
const MIN_PREFIX = 4;
/** In the typo-tolerant retry, stems at least this long tolerate one edit. */
const MIN_FUZZY = 6;
const MAX_QUERY_TERMS = 12;
const MAX_CACHE = 200_000;

const FIELD_INFO = new Map<string, { lang: Lang; kind: Kind }>();
const FIELDS_OF: Record<Lang, FieldName[]> = { kk: [], ru: [], en: [] };
for (const lang of LANGUAGES) {
  for (const kind of ['title', 'text'] as const) {
    const name: FieldName = `${kind}:${lang}`;
    FIELD_INFO.set(name, { lang, kind });
    FIELDS_OF[lang].push(name);
  }
}
const ALL_FIELDS: FieldName[] = LANGUAGES.flatMap((l) => FIELDS_OF[l]);
const BOOST: Record<string, number> = Object.fromEntries(
  ALL_FIELDS.map((f) => [f, f.startsWith('title:') ? TITLE_BOOST : 1]),
);

/**
 * Where each kind of query stem is looked up. A Kazakh stem is looked up
 * everywhere: in Russian lessons it can only equal an uninflected shared word
 * ("интернет", "телефон"), since Russian stems are cut shorter. A Russian stem
 * is kept out of Kazakh lessons, where its truncation would hit other words
 * ("бала" → "бал"). Cyrillic words in English lessons are stemmed as Russian.
 */
const KK_STEM_FIELDS: readonly FieldName[] = ALL_FIELDS;
const RU_STEM_FIELDS: readonly FieldName[] = [...FIELDS_OF.ru, ...FIELDS_OF.en];

function fieldValue(doc: SearchDoc, field: string): string | undefined {
  const info = FIELD_INFO.get(field);
  return info !== undefined && info.lang === doc.lang ? doc[info.kind] : undefined;
}

/** Index term for a normalised token in a document of language `lang`; null drops it. */
function indexTerm(token: string, lang: Lang): string | null {
  if (STOPWORDS.has(token)) return null;
  switch (scriptOf(token)) {
    case 'cyrillic':
      return lang === 'kk' ? stemKazakh(token) : stemRussian(token);
    case 'latin':
      return stemEnglish(token);
    default:
      return token;
  }
}

/** Documents (ascending short ids) and term frequencies of one term, per field kind. */
interface TermPostings {
  term: string;
  title: { ids: number[]; tfs: number[] };
  text: { ids: number[]; tfs: number[] };
}

interface Leaf {
  fields: Set<FieldName>;
  /** Matches as a prefix (the raw word being typed). */
  prefix: boolean;
  /** Is a stem of the word (only stems are matched fuzzily). */
  stem: boolean;
}

export class LessonSearch {
  #index: MiniSearch<SearchDoc>;
  /** token → index term, per document language; the vocabulary is much smaller than the text. */
  readonly #cache: Record<Lang, Map<string, string | null>> = { kk: new Map(), ru: new Map(), en: new Map() };
  readonly #options: Options<SearchDoc>;

  constructor() {
    this.#options = {
      idField: 'id',
      fields: ALL_FIELDS,
      storeFields: [],
      extractField: (doc, field) => (field === 'id' ? doc.id : fieldValue(doc, field)),
      tokenize: (text) => tokenize(text),
      processTerm: (token, field) => {
        const lang = field === undefined ? undefined : FIELD_INFO.get(field)?.lang;
        return lang === undefined ? token : this.#term(token, lang);
      },
      searchOptions: {
        // Query leaves are already normalised and stemmed by buildQuery.
        tokenize: (s) => [s],
        processTerm: (s) => s,
        boost: BOOST,
      },
    };
    this.#index = new MiniSearch<SearchDoc>(this.#options);
  }

  #term(token: string, lang: Lang): string | null {
    const cache = this.#cache[lang];
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    const term = indexTerm(token, lang);
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(token, term);
    return term;
  }

  get size(): number {
    return this.#index.documentCount;
  }

  /** Adds a lesson; a lesson with the same id is replaced. */
  add(doc: SearchDoc): void {
    if (this.#index.has(doc.id)) this.#index.discard(doc.id);
    this.#index.add(doc);
  }

  /**
   * Adds many lessons; same-id lessons replace earlier ones. Into an empty
   * index (app start) this builds MiniSearch's serialised form (`toJSON`
   * shape, typed as AsPlainObject) and loads it with `MiniSearch.loadJS`,
   * which walks the radix tree once per distinct term instead of once per
   * word and tokenises/stems each distinct word of a lesson once: ~35% less
   * CPU than adding one by one on 3,000 × 800 words. Scores are identical
   * (tested). A non-empty index falls back to `add`.
   */
  addAll(docs: SearchDoc[]): void {
    if (this.#index.documentCount > 0 || this.#index.dirtCount > 0) {
      for (const doc of docs) this.add(doc);
      return;
    }
    const unique = new Map<string, SearchDoc>();
    for (const doc of docs) unique.set(doc.id, doc);
    if (unique.size === 0) return;
    this.#index = MiniSearch.loadJS<SearchDoc>(this.#serialize([...unique.values()]), this.#options);
  }

  /**
   * The index MiniSearch would build by `add`ing `docs` in order, in its
   * `toJSON` shape: same terms, term frequencies, field lengths (distinct
   * tokens, as MiniSearch counts them) and running average field lengths.
   */
  #serialize(docs: SearchDoc[]): AsPlainObject {
    const fieldIds: Record<string, number> = {};
    ALL_FIELDS.forEach((f, i) => (fieldIds[f] = i));
    // Per language: term → its postings in the title and text fields, and
    // token → the same object (null for dropped words), so that each distinct
    // word of a lesson costs one lookup in a vocabulary-sized table.
    const byTerm: Record<Lang, Map<string, TermPostings>> = { kk: new Map(), ru: new Map(), en: new Map() };
    const byToken: Record<Lang, Map<string, TermPostings | null>> = { kk: new Map(), ru: new Map(), en: new Map() };
    const documentIds: Record<number, string> = {};
    const fieldLength: Record<number, number[]> = {};
    const averageFieldLength: number[] = [];
    const tokenCounts = new Map<string, number>();

    docs.forEach((doc, shortId) => {
      documentIds[shortId] = doc.id;
      const lengths: number[] = [];
      fieldLength[shortId] = lengths;
      const terms = byTerm[doc.lang];
      const tokens = byToken[doc.lang];
      for (const kind of ['title', 'text'] as const) {
        const fieldId = fieldIds[`${kind}:${doc.lang}`] ?? 0;
        tokenCounts.clear();
        for (const token of tokenize(doc[kind])) tokenCounts.set(token, (tokenCounts.get(token) ?? 0) + 1);
        const length = tokenCounts.size; // MiniSearch's field length: distinct tokens
        lengths[fieldId] = length; // sparse on purpose, like MiniSearch: discard() walks only present fields
        averageFieldLength[fieldId] = ((averageFieldLength[fieldId] ?? 0) * shortId + length) / (shortId + 1);
        for (const [token, n] of tokenCounts) {
          let postings = tokens.get(token);
          if (postings === undefined) {
            const term = this.#term(token, doc.lang);
            postings = null;
            if (term) {
              postings = terms.get(term) ?? { term, title: { ids: [], tfs: [] }, text: { ids: [], tfs: [] } };
              terms.set(term, postings);
            }
            tokens.set(token, postings);
          }
          if (postings === null) continue;
          const { ids, tfs } = postings[kind];
          const last = ids.length - 1;
          if (ids[last] === shortId) tfs[last] = (tfs[last] ?? 0) + n; // another form of the same stem
          else {
            ids.push(shortId);
            tfs.push(n);
          }
        }
      }
    });

    const index = new Map<string, Record<number, Record<number, number>>>();
    for (const lang of LANGUAGES) {
      for (const postings of byTerm[lang].values()) {
        let entry = index.get(postings.term);
        if (entry === undefined) index.set(postings.term, (entry = {}));
        for (const kind of ['title', 'text'] as const) {
          const { ids, tfs } = postings[kind];
          if (ids.length === 0) continue;
          // Highest id first: V8 then keeps these integer-keyed objects sparse
          // instead of allocating an array up to the highest id (5× less memory).
          const freqs: Record<number, number> = {};
          for (let i = ids.length - 1; i >= 0; i--) freqs[ids[i] as number] = tfs[i] as number;
          entry[fieldIds[`${kind}:${lang}`] ?? 0] = freqs;
        }
      }
    }

    return {
      documentCount: docs.length,
      nextId: docs.length,
      documentIds,
      fieldIds,
      fieldLength,
      averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [...index],
      serializationVersion: 2,
    };
  }

  /** Forgets a lesson; unknown ids are ignored. */
  remove(id: string): void {
    if (this.#index.has(id)) this.#index.discard(id);
  }

  clear(): void {
    this.#index = new MiniSearch<SearchDoc>(this.#options);
    for (const lang of LANGUAGES) this.#cache[lang].clear();
  }

  search(query: string, options: SearchQueryOptions = {}): SearchHit[] {
    const limit = options.limit ?? DEFAULT_LIMIT;
    if (limit <= 0) return [];
    const exact = buildQuery(query, options.lang, false);
    if (exact === null) return [];
    let results = this.#index.search(exact);
    if (results.length === 0) {
      const fuzzy = buildQuery(query, options.lang, true);
      if (fuzzy !== null) results = this.#index.search(fuzzy);
    }
    const hits: SearchHit[] = [];
    for (const r of results) {
      if (hits.length >= limit) break;
      hits.push({ id: String(r.id), score: r.score });
    }
    return hits;
  }
}

/**
 * Turns the user's text into a MiniSearch query tree:
 * AND over words, each word an OR over its stems (Kazakh stem everywhere,
 * Russian stem in Russian/English fields, English stem for Latin words), plus
 * a prefix match for the word being typed; with `fuzzy`, long stems also match
 * at edit distance 1. Returns null when nothing searchable is left.
 */
function buildQuery(query: string, lang: Lang | undefined, fuzzy: boolean): Query | null {
  const tokens = tokenize(query);
  const words = [...new Set(tokens.filter((t) => !STOPWORDS.has(t)))].slice(0, MAX_QUERY_TERMS);
  if (words.length === 0) return null;

  const text = normalize(query);
  const lastToken = tokens[tokens.length - 1];
  // Still typing: the query ends inside a word, and that word was kept.
  const typing = /[\p{L}\p{N}]$/u.test(text) && lastToken !== undefined && !STOPWORDS.has(lastToken);
  // A word with ә ғ қ ң ө ұ ү һ і makes the whole query Kazakh: no Russian stems, Kazakh lessons only.
  const kazakh = words.some(hasKazakhLetter);
  const allowed: ReadonlySet<FieldName> = new Set(lang === undefined ? ALL_FIELDS : FIELDS_OF[lang]);

  const groups: Query[] = [];
  for (const word of words) {
    const leaves = new Map<string, Leaf>();
    const add = (term: string, fields: readonly FieldName[], prefix = false): void => {
      const usable = fields.filter((f) => allowed.has(f));
      if (usable.length === 0 || term === '') return;
      const leaf = leaves.get(term) ?? { fields: new Set<FieldName>(), prefix: false, stem: false };
      for (const f of usable) leaf.fields.add(f);
      leaf.prefix ||= prefix;
      leaf.stem ||= !prefix;
      leaves.set(term, leaf);
    };

    const script = scriptOf(word);
    if (script === 'cyrillic') {
      add(stemKazakh(word), kazakh ? FIELDS_OF.kk : KK_STEM_FIELDS);
      if (!kazakh) add(stemRussian(word), RU_STEM_FIELDS);
    } else if (script === 'latin') {
      add(stemEnglish(word), ALL_FIELDS);
    } else {
      add(word, ALL_FIELDS);
    }
    if (typing && word === lastToken && word.length >= MIN_PREFIX) {
      add(word, script === 'cyrillic' && kazakh ? FIELDS_OF.kk : ALL_FIELDS, true);
    }
    if (leaves.size === 0) return null;

    const alternatives: Query[] = [];
    for (const [term, leaf] of leaves) {
      const spec: SearchOptions & { queries: Query[] } = {
        queries: [term],
        fields: [...leaf.fields],
        prefix: leaf.prefix,
        fuzzy: fuzzy && leaf.stem && term.length >= MIN_FUZZY ? 1 : false,
      };
      alternatives.push(spec);
    }
    groups.push(alternatives.length === 1 ? (alternatives[0] as Query) : { combineWith: 'OR', queries: alternatives });
  }
  return { combineWith: 'AND', queries: groups };
}
