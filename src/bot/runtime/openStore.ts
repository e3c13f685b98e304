import { StorageError } from '../storage/database.ts';
import { openPostgresStore } from '../storage/postgres/postgresStore.ts';
import { openSqliteStore } from '../storage/sqliteStore.ts';
import { type BotStore, dayMs } from '../storage/store.ts';
import type { Logger } from './logger.ts';

export interface StoreSettings {
  /** DATA_DIR: the SQLite file's folder, when there is no DATABASE_URL. */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of SQLite; null for SQLite. */
  databaseUrl: string | null;
  retentionDays: number;
  logger: Logger;
}

/**
 * Opens the bot's store for start-up, PostgreSQL when DATABASE_URL is set and SQLite in DATA_DIR otherwise:
 * one `database ready` line (where, schema, what was migrated and purged), or one `could not open the
 * database` line saying why and what to do, and null.
 */
export async function openStoreForBot(options: StoreSettings): Promise<BotStore | null> {
  const { logger, retentionDays } = options;
  try {
    const { store, migratedFrom, purged } =
      options.databaseUrl === null
        ? openSqliteStore(options.dataDir, { retentionDays, reports: logger })
        : await openPostgresStore(options.databaseUrl, { retentionDays });
    const where = options.databaseUrl === null ? { file: store.location } : { database: store.location };
    logger.info('database ready', { ...where, migratedFrom, retentionDays, purgedQuestions: purged });
    return store;
  } catch (error) {
    if (error instanceof StorageError) logger.error('could not open the database', { reason: error.message });
    else logger.error('could not open the database', { ...(options.databaseUrl === null && { dataDir: options.dataDir }), error });
    return null;
  }
}

/** Deletes expired questions once a day while the bot runs (it also does at every start). Returns the stop. */
export function purgeDaily(store: BotStore, logger: Logger): () => void {
  const timer = setInterval(async () => {
    try {
      const purged = await store.purgeExpired();
      if (purged > 0) logger.info('expired questions deleted', { questions: purged, retentionDays: store.retentionDays });
    } catch (error) {
      logger.warn('could not delete expired questions', { error });
    }
  }, dayMs);
  timer.unref();
  return () => clearInterval(timer);
}
