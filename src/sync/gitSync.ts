import { execFile } from 'node:child_process';
import { lstat, readFile, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CORPUS_EXTENSIONS } from '../corpus/formats/documentReaders.ts';
import type { SyncContext } from './context.ts';
import { formatBytes } from './http.ts';
import { notRun, type Problem, type SourceReport } from './report.ts';
import { type FileRecord, SourceFolder, type SourceState } from './sourceFolder.ts';
import type { GitSource } from './sources.ts';

/** The longest one git command may take (a first clone of a large repository included). */
const GIT_TIMEOUT_MS = 10 * 60_000;
/** Larger files are not kept: the corpus would skip them anyway. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Syncs a folder of a Git repository into `corpus/NAME/` with the system's git: a first sync clones only
 * what is needed (`git clone --depth 1 --filter=blob:none --sparse`, then `sparse-checkout set PATH`) into
 * the work folder; later ones `git fetch --depth 1` the ref and check it out. The files of formats the
 * corpus reads under `path` are copied into the corpus (symbolic links and submodules never), each cited
 * at the page the source's `url:` template gives it. Changes are staged and moved in at the end.
 */
export async function syncGit(source: GitSource, context: SyncContext): Promise<SourceReport> {
  const started = performance.now();
  const folder = new SourceFolder(context.corpusDir, context.workDir, source.name);
  const location = `git ${source.repository} ${source.path}@${source.ref}`;
  const stored = await folder.readState();
  const before = stored?.location === location ? stored : null;
  const repo = join(folder.work, 'repo');
  const git = (args: readonly string[], cwd?: string) => runGit(args, context, cwd);
  let commit: string;
  try {
    context.onProgress?.({ source: source.name, phase: 'discovering', done: 0, total: 0, bytes: 0, elapsedMs: 0 });
    await checkOut(source, repo, git);
    commit = (await git(['rev-parse', 'HEAD'], repo)).trim();
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const reason = `git could not fetch ${source.repository} (${source.ref}): ${(error as Error).message}`;
    if (!context.dryRun) await folder.writeState({ ...(stored ?? emptyState(location)), lastError: reason });
    return notRun(source.name, 'git', reason, performance.now() - started, context.dryRun);
  }

  const listed = await git(['ls-files', '-s', '-z', '--', ...(source.path === '' ? [] : [source.path])], repo);
  const files: Record<string, FileRecord> = {};
  const write: string[] = [];
  const refused: Problem[] = [];
  let unchanged = 0;
  let bytes = 0;
  const entries = listed.split('\0').filter((line) => line !== '');
  for (const [index, line] of entries.entries()) {
    const tab = line.indexOf('\t');
    const mode = line.slice(0, line.indexOf(' '));
    const path = line.slice(tab + 1);
    const file = source.path === '' ? path : path.slice(source.path.length + 1);
    // Symbolic links (120000) could point anywhere on this machine, submodules (160000) are other repositories.
    if ((mode !== '100644' && mode !== '100755') || !CORPUS_EXTENSIONS.has(extname(file).toLowerCase())) continue;
    if (file.split('/').some((part) => part.startsWith('.'))) continue;
    const info = await lstat(join(repo, path)).catch(() => null);
    if (!info?.isFile()) continue;
    if (info.size > MAX_FILE_BYTES) {
      refused.push({ url: path, reason: `larger than ${formatBytes(MAX_FILE_BYTES)}` });
      continue;
    }
    const content = await readFile(join(repo, path));
    bytes += content.length;
    const url = source.urlTemplate === null ? null : pageUrl(source.urlTemplate, { ref: source.ref, commit, path, file });
    files[file] = { url };
    const current = await folder.readCurrent(file);
    if (current?.equals(content) && before?.files[file]?.url === url) unchanged += 1;
    else {
      write.push(file);
      if (!context.dryRun) await folder.stage(file, content);
    }
    context.onProgress?.({
      source: source.name,
      phase: 'fetching',
      done: index + 1,
      total: entries.length,
      bytes,
      elapsedMs: performance.now() - started,
    });
  }
  const previous = stored?.files ?? {};
  const removed = Object.keys(previous).filter((file) => !(file in files));
  const added = write.filter((file) => !(file in previous));
  const changed = write.filter((file) => file in previous);
  if (!context.dryRun) {
    const after: SourceState = {
      version: 1,
      location,
      lastSync: new Date().toISOString(),
      lastError: null,
      lastCounts: { added: added.length, changed: changed.length, unchanged, removed: removed.length, failed: 0 },
      commit,
      files,
    };
    await folder.commit({ write, remove: removed }, before, after);
  }
  return {
    name: source.name,
    kind: 'git',
    error: null,
    added: added.sort(),
    changed: changed.sort(),
    unchanged,
    removed: removed.sort(),
    failed: [],
    refused,
    bytes,
    requests: 0,
    ms: performance.now() - started,
    notes: [`at commit ${commit.slice(0, 12)}`],
    dryRun: context.dryRun,
  };
}

function emptyState(location: string): SourceState {
  return { version: 1, location, lastSync: null, lastError: null, lastCounts: null, files: {} };
}

/**
 * Brings the work clone to the tip of `ref`: fetched and checked out when the clone is there and of the same
 * repository, else cloned afresh beside it and moved into place (a clone that fails leaves nothing half made).
 */
async function checkOut(source: GitSource, repo: string, git: (args: readonly string[], cwd?: string) => Promise<string>): Promise<void> {
  const sameRepository =
    (await stat(join(repo, '.git')).catch(() => null)) !== null &&
    (await git(['config', '--get', 'remote.origin.url'], repo).catch(() => '')).trim() === source.repository;
  if (sameRepository) {
    await git(['fetch', '--quiet', '--depth', '1', '--filter=blob:none', 'origin', '--', source.ref], repo);
    await git(['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'], repo);
  } else {
    const fresh = `${repo}.new`;
    await rm(fresh, { recursive: true, force: true });
    await git([
      'clone',
      '--quiet',
      '--depth',
      '1',
      '--filter=blob:none',
      '--sparse',
      '--branch',
      source.ref,
      '--',
      source.repository,
      fresh,
    ]);
    await rm(repo, { recursive: true, force: true });
    await rename(fresh, repo);
  }
  if (source.path === '') await git(['sparse-checkout', 'disable'], repo);
  else await git(['sparse-checkout', 'set', '--', source.path], repo);
}

/** Runs git, never asking for a password on the terminal; rejects with git's own reason on failure. */
function runGit(args: readonly string[], context: SyncContext, cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        env: { ...context.gitEnv, GIT_TERMINAL_PROMPT: '0' },
        timeout: GIT_TIMEOUT_MS,
        maxBuffer: 256 * 1024 * 1024,
        ...(context.signal && { signal: context.signal }),
      },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new Error('git is not installed (the system git is needed for Git sources)'));
        const lines = String(stderr)
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '');
        // git says what went wrong on its `fatal:` line; what follows is advice.
        const fatal = lines.find((line) => /^(fatal|error):/.test(line))?.replace(/^(fatal|error):\s*/, '');
        reject(new Error(fatal ?? lines.at(-1) ?? error.message.split('\n')[0] ?? 'git failed'));
      },
    );
  });
}

/**
 * A file's page from a `url:` template: `{ref}`, `{commit}`, `{path}` (in the repository), `{file}` (under the
 * source's path) and `{page}` (`{file}` without its extension, `index` standing for its folder), each part
 * percent-encoded.
 *
 * @example pageUrl('https://docs.example.org/{page}', { ref: 'main', commit: 'abc', path: 'docs/guide/setup.md', file: 'guide/setup.md' }) // → 'https://docs.example.org/guide/setup'
 */
export function pageUrl(template: string, values: { ref: string; commit: string; path: string; file: string }): string {
  const encode = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  const segments = values.file.replace(/\.[^./]+$/, '').split('/');
  if (segments.at(-1)?.toLowerCase() === 'index') segments[segments.length - 1] = '';
  const filled: Readonly<Record<string, string>> = {
    ref: encode(values.ref),
    commit: values.commit,
    path: encode(values.path),
    file: encode(values.file),
    page: encode(segments.join('/')),
  };
  return template.replace(/\{(ref|commit|path|file|page)\}/g, (_, key: string) => filled[key]!);
}
