import { extname, sep } from 'node:path';
import { atPausePoint, runSteps, type Steps } from '../slices.ts';

/**
 * The document id of each corpus file, given their paths relative to the corpus folder in listing order
 * (sorted): the path without its extension (`guide/setup.md` → `guide/setup`), `/`-separated. When several
 * files share it (`report.pdf` beside `report.docx`), the first in listing order keeps it and each other
 * one is known by its path with the extension (`report.pdf`), so every file is served and citable under an
 * id that depends only on the names in the folder: the same at every start. In the rare case where that is
 * taken too (a file named `report.pdf.txt`), `~2`, `~3`… is added.
 *
 * @example documentIds(['report.docx', 'report.pdf']) // → ['report', 'report.pdf']
 */
export function documentIds(relPaths: readonly string[]): string[] {
  return runSteps(documentIdSteps(relPaths));
}

/** `documentIds` as steps that may pause every thousand paths (a listing of 100k files runs it). */
export function* documentIdSteps(relPaths: readonly string[]): Steps<string[]> {
  const ids: (string | undefined)[] = new Array(relPaths.length);
  const taken = new Set<string>();
  for (const [i, rel] of relPaths.entries()) {
    if (atPausePoint(i)) yield;
    const id = slashed(rel.slice(0, rel.length - extname(rel).length));
    if (taken.has(id)) continue;
    taken.add(id);
    ids[i] = id;
  }
  for (const [i, rel] of relPaths.entries()) {
    if (atPausePoint(i)) yield;
    if (ids[i] !== undefined) continue;
    const full = slashed(rel);
    let id = full;
    for (let n = 2; taken.has(id); n += 1) id = `${full}~${n}`;
    taken.add(id);
    ids[i] = id;
  }
  return ids as string[];
}

/** `sub\a.txt` (on Windows) → `sub/a.txt`: the path citations show. */
export function corpusPath(relPath: string): string {
  return slashed(relPath);
}

function slashed(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
