import { indexFolderToPostgres } from '../../postgresSearch/indexFolder.ts';
import { openPostgresEngine } from '../../postgresSearch/openEngine.ts';
import type { ReloadReport } from '../../watch/liveEngine.ts';
import { joiningRuns, type LiveCorpus } from './liveCorpus.ts';
import type { Logger } from './logger.ts';

export interface StoredCorpusOptions {
  /** DATABASE_URL: the database `npm run index -- --to postgres` wrote the index to. */
  databaseUrl: string;
  /** CORPUS_DIR: the folder the index is of (it need not be on this machine, but for /reindex). */
  corpusDir: string;
  followLinks?: boolean;
  baseUrl?: string | null;
  logger: Logger;
}

/**
 * The bot's corpus under SEARCH=postgres: the engine over the folder's index in PostgreSQL, which loads no
 * document, so the bot is ready in seconds whatever the corpus's size. The indexer's changes reach it through
 * LISTEN/NOTIFY (`openPostgresEngine`); `/reindex` runs the indexer on CORPUS_DIR from here. There is no
 * folder watch: whoever changes the folder runs `npm run index -- --to postgres`. Throws NoSearchIndexError
 * when the database holds no index of the folder.
 */
export async function openStoredCorpus(options: StoredCorpusOptions): Promise<LiveCorpus> {
  const { logger, databaseUrl, corpusDir } = options;
  const folder = { followLinks: options.followLinks ?? false, baseUrl: options.baseUrl ?? null };
  const started = performance.now();
  const opened = await openPostgresEngine(databaseUrl, corpusDir, folder);
  logger.info('search index opened', { corpusDir, ms: Math.round(performance.now() - started) });
  // The entity index is read in slices while the bot already answers (/entity is empty until then).
  opened.engine.prepareEntities().then(
    (entities) => logger.info('entity index read', { entities: entities.list().length, ms: Math.round(performance.now() - started) }),
    (error: unknown) => logger.warn('could not read the entity index', { error }),
  );
  const update = async (): Promise<ReloadReport> => {
    const began = performance.now();
    const report = await indexFolderToPostgres(databaseUrl, corpusDir, {
      ...folder,
      onWarning: (warning) => logger.warn('corpus file skipped', { path: warning.path, reason: warning.reason }),
    });
    const { added, changed, removed, documents } = report;
    return { added, changed, removed, documents, ms: performance.now() - began, fromSnapshot: false };
  };
  return {
    engine: opened.engine,
    reindex: joiningRuns(update),
    refresh: update,
    holdWatch: () => () => {},
    close: () => {
      opened.close().catch((error: unknown) => logger.warn('could not close the search index', { error }));
    },
  };
}
