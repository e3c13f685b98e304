import { atPausePoint, runSteps, type Steps } from '../slices.ts';
import type { CorpusDocument } from './corpusDocument.ts';

/**
 * Which documents a reload added, removed or changed (by id; changed = same id, and a different text, path,
 * title, date or URL: what is indexed or shown in a citation).
 */
export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares two readings of a corpus by document id, and by what is indexed or cited of each (`changedIn`). */
export function diffDocuments(before: readonly CorpusDocument[], after: readonly CorpusDocument[]): CorpusChanges {
  return runSteps(diffDocumentSteps(before, after));
}

/** `diffDocuments` as steps that may pause every thousand documents (a reload of 100k documents runs it). */
export function* diffDocumentSteps(before: readonly CorpusDocument[], after: readonly CorpusDocument[]): Steps<CorpusChanges> {
  const changes: CorpusChanges = { added: [], removed: [], changed: [] };
  const old = new Map<string, CorpusDocument>();
  for (const [i, document] of before.entries()) {
    old.set(document.id, document);
    if (atPausePoint(i)) yield;
  }
  const kept = new Set<string>();
  for (const [i, document] of after.entries()) {
    const previous = old.get(document.id);
    kept.add(document.id);
    if (previous === undefined) changes.added.push(document.id);
    else if (previous !== document && changedIn(previous, document)) changes.changed.push(document.id);
    if (atPausePoint(i)) yield;
  }
  for (const [i, document] of before.entries()) {
    if (!kept.has(document.id)) changes.removed.push(document.id);
    if (atPausePoint(i)) yield;
  }
  return changes;
}

/** A document read again differs in what is indexed or cited of it (its layout and passages follow its text). */
function changedIn(before: CorpusDocument, after: CorpusDocument): boolean {
  return (
    before.text !== after.text ||
    before.path !== after.path ||
    before.title !== after.title ||
    before.date !== after.date ||
    before.url !== after.url
  );
}

/** `2 added, 1 changed, 0 removed (2227 documents)` */
export function describeChanges(changes: CorpusChanges, documents: number): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed (${documents} documents)`;
}
