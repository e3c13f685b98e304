import type { CorpusDocument } from '../corpus/types.ts';

/** Which documents a reload added, removed or changed (by id; changed = same id, different text or path). */
export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares two readings of a corpus by document id, text and path. */
export function diffDocuments(before: readonly CorpusDocument[], after: readonly CorpusDocument[]): CorpusChanges {
  const changes: CorpusChanges = { added: [], removed: [], changed: [] };
  const old = new Map(before.map((document) => [document.id, document]));
  const kept = new Set<string>();
  for (const document of after) {
    const previous = old.get(document.id);
    kept.add(document.id);
    if (previous === undefined) changes.added.push(document.id);
    else if (previous !== document && (previous.text !== document.text || previous.path !== document.path))
      changes.changed.push(document.id);
  }
  for (const document of before) if (!kept.has(document.id)) changes.removed.push(document.id);
  return changes;
}

/** `2 added, 1 changed, 0 removed (2227 documents)` */
export function describeChanges(changes: CorpusChanges, documents: number): string {
  return `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed (${documents} documents)`;
}
