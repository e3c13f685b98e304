import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { statCorpusFiles } from '../corpus/listCorpusFiles.ts';
import { Engine, type FolderOptions } from '../engine.ts';
import { resolveOptions } from '../options.ts';
import { SnapshotError } from './parts.ts';
import { loadSnapshot, removeLeftoverSaves, saveSnapshot } from './store.ts';

/** Default cache folder (git-ignored through `.cache/`). */
export const DEFAULT_CACHE_DIR = '.cache/corpus-qa';

/** What happened to the snapshot, for one log line each. */
export type SnapshotEvent =
  | { kind: 'loaded'; dir: string; ms: number }
  | { kind: 'rebuilding'; dir: string; reason: string }
  | { kind: 'saved'; dir: string; bytes: number; ms: number }
  | { kind: 'save-failed'; dir: string; reason: string };

export interface CachedEngineOptions extends Omit<FolderOptions, 'listing'> {
  /** Cache folder; one snapshot per corpus folder lives under it. Default `.cache/corpus-qa`. */
  cacheDir?: string;
  /** Rebuild even when a valid snapshot exists (the `/reindex` and `npm run index` case). */
  force?: boolean;
  onSnapshot?: (event: SnapshotEvent) => void;
}

/** The snapshot folder for a corpus folder: keyed by its absolute path, so several corpora share a cache. */
export function snapshotDirFor(corpusDir: string, cacheDir: string = DEFAULT_CACHE_DIR): string {
  return join(cacheDir, createHash('sha256').update(resolve(corpusDir)).digest('hex').slice(0, 16));
}

/**
 * Loads the corpus from its snapshot when the snapshot matches the corpus files, engine version and options;
 * otherwise (missing, stale, truncated, corrupt) reports why in one event, builds from the files (passage
 * index and entity mentions) and saves a new snapshot. A snapshot that fails its checks is never served.
 * Failing to save is reported, not fatal.
 *
 * @example
 * const { engine, fromSnapshot } = await loadOrBuildEngine('corpus', { onSnapshot: (e) => console.log(e.kind) });
 */
export async function loadOrBuildEngine(
  corpusDir: string,
  options: CachedEngineOptions = {},
): Promise<{ engine: Engine; fromSnapshot: boolean }> {
  const dir = snapshotDirFor(corpusDir, options.cacheDir);
  await removeLeftoverSaves(dir);
  const resolved = resolveOptions(options);
  // Listed first, so a corpus folder that cannot be read is the one error whatever the snapshot.
  const listing = await statCorpusFiles(corpusDir, resolved, options.sliceMs);
  if (!options.force) {
    const started = performance.now();
    try {
      const engine = await loadSnapshot(dir, listing, resolved, options.retrievers, options.sliceMs);
      // The glossary is read from the folder, never from the snapshot: editing it needs no rebuild.
      await engine.loadGlossary(corpusDir, options.onWarning);
      options.onSnapshot?.({ kind: 'loaded', dir, ms: performance.now() - started });
      return { engine, fromSnapshot: true };
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      options.onSnapshot?.({ kind: 'rebuilding', dir, reason: error.message });
    }
  } else {
    options.onSnapshot?.({ kind: 'rebuilding', dir, reason: 'rebuild forced' });
  }
  const engine = await Engine.fromFolder(corpusDir, { ...options, listing });
  // Recognising names is most of an entity build: done once here, the snapshot saves it for every later start.
  await engine.prepareEntities(options);
  const started = performance.now();
  try {
    const saved = await saveSnapshot(dir, engine, options.sliceMs);
    options.onSnapshot?.({ kind: 'saved', dir, bytes: saved.bytes, ms: performance.now() - started });
  } catch (error) {
    options.onSnapshot?.({ kind: 'save-failed', dir, reason: (error as Error).message.split('\n')[0] ?? 'error' });
  }
  return { engine, fromSnapshot: false };
}

/** One human line per snapshot event. */
export function describeSnapshotEvent(event: SnapshotEvent): string {
  switch (event.kind) {
    case 'loaded':
      return `snapshot loaded from ${event.dir} in ${Math.round(event.ms)} ms`;
    case 'rebuilding':
      return `snapshot not used (${event.reason}); building from the corpus files`;
    case 'saved':
      return `snapshot saved to ${event.dir} (${(event.bytes / 1e6).toFixed(1)} MB, ${Math.round(event.ms)} ms)`;
    case 'save-failed':
      return `warning: snapshot not saved to ${event.dir}: ${event.reason}`;
  }
}
