import { QorgauDb } from '../data/database';
import { DexiePackStore } from '../data/pack-store';
import { classroomRepository } from '../data/classroom';
import { packsRepository } from '../data/packs';
import { playsRepository } from '../data/plays';
import { statisticsRepository } from '../data/statistics';

/**
 * The app's one database connection, and the repositories the screens use.
 * The connection itself is not exported: screens reach data only through a
 * repository (docs/architecture.md).
 */
const db = new QorgauDb();
export const packStore = new DexiePackStore(db);
export const classroom = classroomRepository(db);
export const packs = packsRepository(db);
export const statistics = statisticsRepository(db);
export const plays = playsRepository(db);
