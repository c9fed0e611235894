import { z } from 'zod';
import { RANDOM_ID } from '../../core/base/bytes';
import { LANGUAGES } from '../../core/base/languages';
import { persisted, type KeyValueStorage } from '../data/settings';

/** The browser's storage, or none where the page may not use it (then preferences last for the page only). */
function storage(kind: 'localStorage' | 'sessionStorage'): KeyValueStorage | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined;
  }
}
const local = storage('localStorage');
const session = storage('sessionStorage');

export const READER_SCALES = [1, 1.25, 1.5, 1.75, 2, 2.5] as const;

/**
 * Every preference this PC keeps outside the database, each under one key,
 * checked by its schema when read. Values for this PC (language, station,
 * reading, printing) live in localStorage; values for this window only
 * (the signed-in pupil, the anonymous player) in sessionStorage.
 */
export const preferences = {
  /** The interface language. */
  language: persisted(local, 'qorgau.lang', z.enum(LANGUAGES), 'kk'),
  /** This PC is a pupils' station until a teacher enters the PIN. */
  station: persisted(local, 'qorgau.station', z.literal('pupils').nullable(), null),
  /** The pupil signed in in this window. */
  pupil: persisted(session, 'qorgau.pupil', z.object({ code: z.string().min(1).max(64), class: z.string().min(1).max(64) }).nullable(), null),
  /** The anonymous player of this window's scenario plays. */
  anonymousPlayer: persisted(session, 'qorgau.session', z.string().regex(RANDOM_ID).nullable(), null),
  /** Text size and pupil or teacher view in the reader. */
  reader: persisted(
    local,
    'qorgau.reader',
    z.object({
      scale: z.number().refine((n) => (READER_SCALES as readonly number[]).includes(n)).catch(1),
      audience: z.enum(['pupil', 'teacher']).catch('pupil'),
    }),
    { scale: 1, audience: 'pupil' },
  ),
  /** Paper size, school and class for printing; pupils' names are never kept. */
  print: persisted(
    local,
    'qorgau.print',
    z.object({
      paper: z.enum(['a4', 'letter']).catch('a4'),
      school: z.string().max(200).catch(''),
      className: z.string().max(100).catch(''),
    }),
    { paper: 'a4', school: '', className: '' },
  ),
};
