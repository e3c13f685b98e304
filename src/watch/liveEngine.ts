import { type FSWatcher, watch } from 'node:fs';
import { basename, extname } from 'node:path';
import { type CorpusChanges, diffDocuments } from '../corpus/diffDocuments.ts';
import { CORPUS_EXTENSIONS } from '../corpus/formats/documentReaders.ts';
import { statCorpusFiles } from '../corpus/listCorpusFiles.ts';
import type { Engine } from '../engine.ts';
import { IndexChangedError } from '../search/passageSearch.ts';
import { type CachedEngineOptions, loadOrBuildEngine, snapshotDirFor } from '../snapshot/cachedEngine.ts';
import { saveSnapshot } from '../snapshot/store.ts';
import { preparePipelines } from '../text/nlp.ts';
import { GLOSSARY_FILES } from '../vocabulary/glossary.ts';

/** The outcome of one reload: what changed and how long it took. */
export interface ReloadReport extends CorpusChanges {
  documents: number;
  ms: number;
  fromSnapshot: boolean;
}

export interface LiveEngineOptions extends CachedEngineOptions {
  /** Quiet period after the last file event before reloading, so saving 500 files triggers one reload. Default 500. */
  debounceMs?: number;
  /**
   * Longest wait after the first file event of a burst: a file written to without pause (a log appended every
   * 300 ms) still gets reloaded this often. Default 5000.
   */
  maxDebounceMs?: number;
  /** Build each engine's entity and title indexes (in slices) before it is served, so no autocomplete waits for them. */
  entities?: boolean;
  /** Called as each reload starts. */
  onReloadStart?: () => void;
  /** Called after each successful reload. */
  onReload?: (report: ReloadReport) => void;
  /** Called when a reload fails; the engine keeps answering as it was. */
  onReloadError?: (error: Error) => void;
}

export const liveEngineDefaults = { debounceMs: 500, maxDebounceMs: 5_000 } as const;

/**
 * An engine that follows its corpus folder. A reload lists and stamps the folder's files (size, modification
 * and change times, inode), reads and analyzes only new files and those whose stamp changed since they were
 * read, and applies them to the engine in place (`Engine.update`): each changed file's passages are
 * removed from and added to the index with the document itself in one synchronous step, so a question sees
 * whole documents, old or new; the index is never rebuilt whole. The snapshot is then saved again in the
 * background, so a restart loads the new state. A forced reload (`/reindex`) instead rebuilds a new engine
 * from the files, in slices, and swaps it in when complete. Callers read `live.engine` once per question.
 *
 * @example
 * const live = await LiveEngine.open('corpus', { onReload: (r) => console.log(r.changed) });
 * live.watch();
 * live.engine.answer('who met the minister?');
 */
export class LiveEngine {
  private current: Engine;
  private running: Promise<ReloadReport> | undefined;
  private queued: Promise<ReloadReport> | undefined;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private burstStarted: number | undefined;
  /** Holds on the folder watch (`holdWatch`), and whether a change came in while held. */
  private holds = 0;
  private changedWhileHeld = false;
  private saving: Promise<void> | undefined;

  private constructor(
    readonly corpusDir: string,
    engine: Engine,
    private readonly options: LiveEngineOptions,
  ) {
    this.current = engine;
  }

  /** Loads the corpus (from its snapshot when valid) and returns a live engine over it. */
  static async open(corpusDir: string, options: LiveEngineOptions = {}): Promise<LiveEngine> {
    const { engine } = await loadOrBuildEngine(corpusDir, options);
    if (options.entities) await prepareLookups(engine, options);
    return new LiveEngine(corpusDir, engine, options);
  }

  /** The engine to answer the next question with. */
  get engine(): Engine {
    return this.current;
  }

  /**
   * Brings the engine up to date with the corpus folder (`force`: rebuilds it from the files). Concurrent calls
   * share work: one reload runs at a time, and calls made meanwhile wait for one more reload that starts after
   * it (so a change made during a reload is never missed). On failure the engine stays as it was and the
   * promise rejects.
   */
  reload(options: { force?: boolean } = {}): Promise<ReloadReport> {
    if (this.running === undefined) {
      this.running = this.rebuild(options.force ?? false).finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.reload(options);
      });
    return this.queued;
  }

  /**
   * Starts watching the corpus folder (recursively). A change to a corpus file, or to a folder (moved in or
   * out, renamed), triggers a reload after `debounceMs` of quiet, and at the latest `maxDebounceMs` after the
   * first change of a burst.
   */
  watch(): void {
    if (this.watcher) return;
    // A reload splits the sentences of changed files and recognises their names: an engine loaded from a
    // snapshot has not made those pipelines yet, and making them during the first reload held its loop.
    void preparePipelines(['sentences', 'tags']);
    this.watcher = watch(this.corpusDir, { recursive: true }, (_event, name) => {
      if (name !== null && !mayChangeCorpus(name)) return;
      this.scheduleReload();
    });
    this.watcher.on('error', (error) => this.options.onReloadError?.(error));
  }

  /**
   * Holds the folder watch's reloads until the returned release is called: a change seen meanwhile is
   * reloaded after the release, so a caller that writes files and then reloads itself (a sync, then
   * `/reindex`) gets a report of everything it changed. Holds nest; each release counts once.
   */
  holdWatch(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0 && this.changedWhileHeld) {
        this.changedWhileHeld = false;
        this.scheduleReload();
      }
    };
  }

  /** Stops watching; a reload already running still completes. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.burstStarted = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }

  /** Waits for the snapshot save a reload started, if any (tests, and a clean shutdown). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.saving;
  }

  private scheduleReload(): void {
    if (this.holds > 0) {
      this.changedWhileHeld = true;
      return;
    }
    const now = Date.now();
    this.burstStarted ??= now;
    const debounceMs = this.options.debounceMs ?? liveEngineDefaults.debounceMs;
    const maxDebounceMs = this.options.maxDebounceMs ?? liveEngineDefaults.maxDebounceMs;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.burstStarted = undefined;
        this.reload().catch(() => undefined);
      },
      Math.max(0, Math.min(debounceMs, this.burstStarted + maxDebounceMs - now)),
    );
  }

  private async rebuild(force: boolean): Promise<ReloadReport> {
    const started = performance.now();
    this.options.onReloadStart?.();
    try {
      const before = this.current;
      let engine = before;
      let changes: CorpusChanges;
      let fromSnapshot = false;
      if (force) {
        const beforeDocuments = before.documents;
        ({ engine, fromSnapshot } = await loadOrBuildEngine(this.corpusDir, { ...this.options, force, previous: before }));
        if (this.options.entities) await prepareLookups(engine, this.options);
        changes = diffDocuments(beforeDocuments, engine.documents);
        this.current = engine;
      } else {
        // Listed and stamped once, before reading: the refresh reads only files whose stamp changed. The
        // snapshot's fingerprint is taken of the contents the engine read, once the change is served.
        const listing = await statCorpusFiles(this.corpusDir, engine.options, this.options.sliceMs);
        changes = await engine.refresh(this.corpusDir, { ...this.options, listing });
        const changed = changes.added.length + changes.changed.length + changes.removed.length > 0;
        if (changed && this.options.cacheDir !== undefined) this.saveInBackground(engine);
      }
      const report = { ...changes, documents: engine.documents.length, ms: performance.now() - started, fromSnapshot };
      this.options.onReload?.(report);
      return report;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.options.onReloadError?.(failure);
      throw failure;
    }
  }

  /**
   * Saves the snapshot without holding up answers (in slices). A reload that changes the engine meanwhile
   * abandons this save, and saves again itself.
   */
  private saveInBackground(engine: Engine): void {
    const dir = snapshotDirFor(this.corpusDir, this.options.cacheDir);
    const previous = this.saving ?? Promise.resolve();
    const save = previous.then(async () => {
      const started = performance.now();
      try {
        const saved = await saveSnapshot(dir, engine, this.options.sliceMs);
        this.options.onSnapshot?.({ kind: 'saved', dir, bytes: saved.bytes, ms: performance.now() - started });
      } catch (error) {
        if (error instanceof IndexChangedError) return;
        this.options.onSnapshot?.({ kind: 'save-failed', dir, reason: (error as Error).message.split('\n')[0] ?? 'error' });
      }
    });
    this.saving = save;
    void save.finally(() => {
      if (this.saving === save) this.saving = undefined;
    });
  }
}

/** Whether a watched path may change what the corpus serves: a corpus file, the glossary, or a folder (no extension). */
function mayChangeCorpus(name: string): boolean {
  const extension = extname(name).toLowerCase();
  return extension === '' || CORPUS_EXTENSIONS.has(extension) || (GLOSSARY_FILES as readonly string[]).includes(basename(name));
}

/** The entity index and the title index, built in slices. */
async function prepareLookups(engine: Engine, options: LiveEngineOptions): Promise<void> {
  await engine.prepareEntities(options);
  await engine.prepareTitles(options);
}
