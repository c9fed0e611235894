export { normalize, tokenize } from './text';
export { stemKazakh } from './stem-kk';
export { stemRussian } from './stem-ru';
export { stemEnglish } from './stem-en';
export { LessonSearch } from './lesson-search';
export type { SearchDoc, SearchHit, SearchQueryOptions } from './lesson-search';
