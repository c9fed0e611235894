import { QorgauDb } from '../db/database';
import { DexiePackStore } from '../db/pack-store';

/** The app's one database connection. */
export const db = new QorgauDb();
export const packStore = new DexiePackStore(db);
