import { type BotStore, openBotStore } from '../storage/botStore.ts';
import { StorageError } from '../storage/database.ts';
import type { Logger } from './logger.ts';

const dayMs = 86_400_000;

/**
 * Opens the bot's database for start-up: one `database ready` line (file, schema, what was migrated and
 * purged), or one `could not open the database` line saying why and what to do, and null.
 */
export function openStoreForBot(options: { dataDir: string; retentionDays: number; logger: Logger }): BotStore | null {
  const { logger } = options;
  try {
    const { store, migratedFrom, purged } = openBotStore(options.dataDir, { retentionDays: options.retentionDays, reports: logger });
    logger.info('database ready', { file: store.file, migratedFrom, retentionDays: store.retentionDays, purgedQuestions: purged });
    return store;
  } catch (error) {
    if (error instanceof StorageError) logger.error('could not open the database', { reason: error.message });
    else logger.error('could not open the database', { dataDir: options.dataDir, error });
    return null;
  }
}

/** Deletes expired questions once a day while the bot runs (it also does at every start). Returns the stop. */
export function purgeDaily(store: BotStore, logger: Logger): () => void {
  const timer = setInterval(() => {
    try {
      const purged = store.purgeExpired();
      if (purged > 0) logger.info('expired questions deleted', { questions: purged, retentionDays: store.retentionDays });
    } catch (error) {
      logger.warn('could not delete expired questions', { error });
    }
  }, dayMs);
  timer.unref();
  return () => clearInterval(timer);
}
