import type { Engine } from '../engine.ts';

/** Which documents a reload added, removed or changed (by id; changed = same id, different text). */
export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares two engines' documents by id and text. */
export function diffDocuments(before: Engine, after: Engine): CorpusChanges {
  const changes: CorpusChanges = { added: [], removed: [], changed: [] };
  for (const document of after.documents) {
    const old = before.document(document.id);
    if (old === undefined) changes.added.push(document.id);
    else if (old.text !== document.text) changes.changed.push(document.id);
  }
  for (const document of before.documents) {
    if (after.document(document.id) === undefined) changes.removed.push(document.id);
  }
  return changes;
}

/** `2 added, 1 changed, 0 removed (2227 documents)` */
export function describeChanges(changes: CorpusChanges, documents: number): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed (${documents} documents)`;
}
