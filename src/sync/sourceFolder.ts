import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatUrlManifest, URL_MANIFEST } from '../corpus/urlManifest.ts';
import { isRunning } from '../snapshot/store.ts';

/** The file in a source's folder that remembers its syncs. Hidden: the corpus never reads it as a document. */
export const STATE_FILE = '.sync.json';

/** What an unfinished sync has done so far, kept in the work folder so the next sync resumes it. */
const RUN_FILE = 'run.json';

/** What is known of one synced file. */
export interface FileRecord {
  /** The page it is cited as (null: none, a Git source without a page template). */
  url: string | null;
  /** The URL it was requested from, when that is not `url` (a canonical link, a redirect). */
  fetched?: string;
  etag?: string;
  lastModified?: string;
}

/** Counts of one sync, as `/sources` shows them. */
export interface SyncCounts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  failed: number;
}

/** What a source's folder remembers of its syncs (`.sync.json`). */
export interface SourceState {
  version: 1;
  /** What was synced (`site https://…`, `git URL path@ref`): when the declaration moves, nothing of the old state is trusted. */
  location: string;
  /** When the last sync that ran ended (ISO 8601), or null before the first. */
  lastSync: string | null;
  /** Why the last sync could not run, or null when it ran. */
  lastError: string | null;
  lastCounts: SyncCounts | null;
  /** Git: the commit the files are from. */
  commit?: string;
  /** The synced files, by path inside the folder (`/`-separated). */
  files: Record<string, FileRecord>;
}

/** The changes a sync applies at its end: files written from the staging folder, files removed. */
export interface Changes {
  write: readonly string[];
  remove: readonly string[];
}

/**
 * A source's folder in the corpus (`corpus/NAME/`) and its work folder outside it (`WORK/NAME/`: staged
 * files, a Git clone, the lock). Files are fetched into the staging folder and moved into the corpus only
 * when the sync ends, each by a rename: the live engine never reads half a page, and a sync that fails
 * or is interrupted leaves the corpus as it was.
 */
export class SourceFolder {
  /** `corpus/NAME`: what the corpus serves. */
  readonly dir: string;
  /** `WORK/NAME`: the sync's own files. */
  readonly work: string;
  readonly staging: string;

  constructor(corpusDir: string, workDir: string, name: string) {
    this.dir = join(corpusDir, name);
    this.work = join(workDir, name);
    this.staging = join(this.work, 'staged');
  }

  /** The folder's state, or null before its first sync (or when the file is damaged: the sync starts afresh). */
  async readState(): Promise<SourceState | null> {
    try {
      const state = JSON.parse(await readFile(join(this.dir, STATE_FILE), 'utf8')) as SourceState;
      return state.version === 1 && typeof state.files === 'object' && state.files !== null ? state : null;
    } catch {
      return null;
    }
  }

  async writeState(state: SourceState): Promise<void> {
    await writeFileAtomic(join(this.dir, STATE_FILE), `${JSON.stringify(state, null, 1)}\n`);
  }

  /** The copy the corpus holds now, or null. */
  readCurrent(file: string): Promise<Buffer | null> {
    return readFile(join(this.dir, file)).catch(() => null);
  }

  /** Puts a new version of `file` aside until the sync ends. */
  async stage(file: string, bytes: Uint8Array): Promise<void> {
    // Whole or not at all: an interrupted sync resumes trusting what it finds staged.
    await writeFileAtomic(join(this.staging, file), bytes);
  }

  readStaged(file: string): Promise<Buffer | null> {
    return readFile(join(this.staging, file)).catch(() => null);
  }

  /** Forgets what an unfinished sync staged and what it had done. */
  async clearStaging(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    await rm(join(this.work, RUN_FILE), { force: true });
  }

  /** What an unfinished sync had done (see `RunState`), or null. */
  async readRun<T>(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(join(this.work, RUN_FILE), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  async writeRun(run: object): Promise<void> {
    await writeFileAtomic(join(this.work, RUN_FILE), JSON.stringify(run));
  }

  /**
   * Applies a sync's changes: first the URL manifest naming old and new files (so a reload in between cites
   * every file it reads), then each staged file renamed into place, then the removals, then the manifest and
   * the state as they now are. The staging folder is emptied last.
   */
  async commit(changes: Changes, before: SourceState | null, after: SourceState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const both = { ...before?.files, ...after.files };
    await this.writeManifest(both);
    for (const file of changes.write) await moveInto(join(this.staging, file), join(this.dir, file));
    for (const file of changes.remove) {
      await unlink(join(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await removeEmptyFolders(this.dir, dirname(file));
    }
    await this.writeManifest(after.files);
    await this.writeState(after);
    await this.clearStaging();
  }

  private async writeManifest(files: Readonly<Record<string, FileRecord>>): Promise<void> {
    const urls = new Map<string, string>();
    for (const [file, record] of Object.entries(files)) if (record.url !== null) urls.set(file, record.url);
    await writeFileAtomic(join(this.dir, URL_MANIFEST), formatUrlManifest(urls));
  }

  /**
   * Takes the source's lock (`WORK/NAME/lock`, holding this process's id) so two syncs of one source never
   * run at once (the bot's schedule and `npm run sync`); a lock left by a process that is gone is taken over.
   * Returns the release function, or the id of the process that holds it.
   */
  async lock(): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
    await mkdir(this.work, { recursive: true });
    const path = join(this.work, 'lock');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await writeFile(path, String(process.pid), { flag: 'wx' });
        return { release: () => unlink(path).catch(() => undefined) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(await readFile(path, 'utf8').catch(() => ''));
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) return { heldBy: holder };
        if (holder === process.pid) return { heldBy: holder };
        await unlink(path).catch(() => undefined);
      }
    }
    return { heldBy: 0 };
  }
}

/**
 * Writes a file whole or not at all: the bytes go to a hidden temporary file beside it (flushed to disk),
 * which is then renamed over it. A reader sees the old file or the new one, never a part.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Moves a staged file into the corpus by a rename; across file systems, by an atomic write of its bytes. */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await writeFileAtomic(to, await readFile(from));
  }
}

/** Removes `folder` (relative to `root`) and its parents while they are empty. */
async function removeEmptyFolders(root: string, folder: string): Promise<void> {
  for (let current = folder; current !== '.' && current !== ''; current = dirname(current)) {
    const path = join(root, current);
    const left = await readdir(path).catch(() => null);
    if (left === null || left.length > 0) return;
    await rmdir(path).catch(() => undefined);
  }
}
