import { type FSWatcher, watch } from 'node:fs';
import { extname } from 'node:path';
import { CORPUS_EXTENSIONS } from '../corpus/formats/index.ts';
import type { Engine } from '../engine.ts';
import { type CachedEngineOptions, loadOrBuildEngine } from '../snapshot/cachedEngine.ts';
import { type CorpusChanges, diffDocuments } from './diff.ts';

/** The outcome of one reload: what changed and how long the background build took. */
export interface ReloadReport extends CorpusChanges {
  documents: number;
  ms: number;
  fromSnapshot: boolean;
}

export interface LiveEngineOptions extends CachedEngineOptions {
  /** Quiet period after the last file event before reloading, so saving 500 files triggers one rebuild. Default 500. */
  debounceMs?: number;
  /** Build each engine's entity and title indexes (in slices) before it is served, so no autocomplete waits for them. */
  entities?: boolean;
  /** Called after each successful swap. */
  onReload?: (report: ReloadReport) => void;
  /** Called when a reload fails; the previous engine keeps answering. */
  onReloadError?: (error: Error) => void;
}

/**
 * An engine that follows its corpus folder. Reloading rebuilds in the background (sliced, so the event loop
 * keeps running) and then swaps one reference: every question is answered by one complete engine, old or new,
 * never by a half-updated one. Callers read `live.engine` once per question.
 *
 * A reload re-reads every file but analyzes, and recognises names in, only the files whose text changed;
 * the passage index and the entity index are rebuilt whole (seconds at 100k passages, in slices).
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
   * Rebuilds from the corpus folder and swaps the engine in when complete. Concurrent calls share work: one
   * reload runs at a time, and calls made meanwhile wait for one more reload that starts after it (so a change
   * made during a build is never missed). On failure the old engine stays and the promise rejects.
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

  /** Starts watching the corpus folder (recursively); file changes trigger a debounced reload. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.corpusDir, { recursive: true }, (_event, name) => {
      if (name !== null && !CORPUS_EXTENSIONS.has(extname(name).toLowerCase())) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.reload().catch(() => undefined);
      }, this.options.debounceMs ?? 500);
    });
    this.watcher.on('error', (error) => this.options.onReloadError?.(error));
  }

  /** Stops watching; a reload already running still completes. */
  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async rebuild(force: boolean): Promise<ReloadReport> {
    const started = performance.now();
    try {
      const { engine, fromSnapshot } = await loadOrBuildEngine(this.corpusDir, { ...this.options, force, previous: this.current });
      if (this.options.entities) await prepareLookups(engine, this.options);
      const changes = diffDocuments(this.current, engine);
      this.current = engine;
      const report = { ...changes, documents: engine.documents.length, ms: performance.now() - started, fromSnapshot };
      this.options.onReload?.(report);
      return report;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.options.onReloadError?.(failure);
      throw failure;
    }
  }
}

/** The entity index and the title index, built in slices. */
async function prepareLookups(engine: Engine, options: LiveEngineOptions): Promise<void> {
  await engine.prepareEntities(options);
  await engine.prepareTitles(options);
}
