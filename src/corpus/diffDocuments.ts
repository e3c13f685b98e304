import { atPausePoint, runSteps, type Steps } from '../slices.ts';
import type { CorpusDocument } from './corpusDocument.ts';

/** Which documents a reload added, removed or changed (by id; changed = same id, different text or path). */
export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares two readings of a corpus by document id, text and path. */
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
    else if (previous !== document && (previous.text !== document.text || previous.path !== document.path))
      changes.changed.push(document.id);
    if (atPausePoint(i)) yield;
  }
  for (const [i, document] of before.entries()) {
    if (!kept.has(document.id)) changes.removed.push(document.id);
    if (atPausePoint(i)) yield;
  }
  return changes;
}

/** `2 added, 1 changed, 0 removed (2227 documents)` */
export function describeChanges(changes: CorpusChanges, documents: number): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed (${documents} documents)`;
}
