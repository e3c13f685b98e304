import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';
import { buildEntityIndex } from '../../src/entities/buildEntityIndex.ts';
import { collectMentions, type Mention } from '../../src/entities/entityMentions.ts';
import { collectMentionsInSlices, decodeMentions, encodeMentions, entityIndexFromMentions } from '../../src/entities/snapshot.ts';
import { shippedDocuments } from './shippedCorpus.ts';

let documents: CorpusDocument[];
let mentions: Mention[];
let lines: string[];

beforeAll(() => {
  documents = shippedDocuments();
  mentions = collectMentions(documents);
  lines = [...encodeMentions(mentions)];
});

const FIRST_DOCUMENT = '000_f68f3fbda75e491a';

describe('storing the entity index as mentions', () => {
  it('restores the same entity list and cards as a full build', () => {
    const whole = buildEntityIndex(documents);
    const restored = entityIndexFromMentions(decodeMentions(lines, documents));
    expect(restored.list()).toEqual(whole.list());
    for (const name of ['Abbasov', 'Jahromi', 'Paulo Portas', 'Portuguese', 'Azerbaijan', 'IGF', 'Fuad Allahverdiyev']) {
      expect(restored.card(name), name).toEqual(whole.card(name));
    }
    const abbasov = restored.card('Abbasov');
    expect(abbasov?.name).toBe('Ali Abbasov');
    expect(abbasov?.aliases).toEqual(['A.Abbasov']);
    expect(abbasov?.count).toBe(5);
    expect(abbasov?.roles.map((role) => role.title)).toEqual(['Minister of Communications and Information Technologies']);
    expect(restored.card('Jahromi')?.aliases).toEqual(['Jahromi', 'Azari Jahromi']);
    expect(restored.card('Portuguese')?.name).toBe('Portugal');
    expect(restored.search('abba')[0]?.name).toBe('Ali Abbasov');
  });

  it('gives back every mention, pointing at the given documents’ own sentence objects', () => {
    const decoded = decodeMentions(lines, documents);
    expect(decoded).toEqual(mentions);
    const first = decoded[0]!;
    expect(first.doc).toBe(documents[0]);
    expect(first.sentence).toBe(documents[0]!.passages[0]!.sentences[0]);
    expect(first.text).toBe('Iran');
  });

  it('writes one line per document, with positions instead of sentence text', () => {
    expect(lines.map((line) => (JSON.parse(line) as [string])[0])).toEqual(documents.map((doc) => doc.id));
    expect(lines[0]!.startsWith(`["${FIRST_DOCUMENT}",[[0,0,4,2,{"c":"Iran"}],[0,72,79,2,{"c":"Turkey"}],`)).toBe(true);
    const sentence = documents[0]!.passages[0]!.sentences[0]!.text;
    expect(lines.some((line) => line.includes(sentence))).toBe(false);
    expect(lines.join('\n').length).toBeLessThan(documents.reduce((sum, doc) => sum + doc.text.length, 0));
  });

  it('starts a new line when the mentions come back to a document, so their order survives', () => {
    const [a, b] = [mentions.find((m) => m.doc === documents[0])!, mentions.find((m) => m.doc === documents[1])!];
    const shuffled = [a, b, a];
    const encoded = [...encodeMentions(shuffled)];
    expect(encoded).toHaveLength(3);
    expect(decodeMentions(encoded, documents)).toEqual(shuffled);
  });

  it('stores no mentions as no lines, and restores an empty index from them', () => {
    expect([...encodeMentions([])]).toEqual([]);
    expect(entityIndexFromMentions(decodeMentions([], documents)).list()).toEqual([]);
    expect(entityIndexFromMentions(decodeMentions([], documents)).card('Abbasov')).toBeUndefined();
  });

  it('collects in slices the same mentions as in one piece', async () => {
    expect(await collectMentionsInSlices(documents, 0)).toEqual(mentions);
  });
});

describe('decoding mentions that do not fit the documents', () => {
  const decode =
    (...bad: string[]) =>
    () =>
      decodeMentions([lines[0]!, ...bad], documents);

  it('names a document the corpus does not have', () => {
    expect(decode('["business_001",[[0,0,4,2]]]')).toThrow(
      new Error('corpus-qa: entity snapshot line 2 names document "business_001", which the corpus does not have'),
    );
  });

  it('names a sentence the document does not have', () => {
    expect(decode(`["${FIRST_DOCUMENT}",[[9999,0,4,2]]]`)).toThrow(
      new Error(`corpus-qa: entity snapshot line 2: document "${FIRST_DOCUMENT}" has no sentence 9999`),
    );
  });

  it('names offsets outside their sentence', () => {
    expect(decode(`["${FIRST_DOCUMENT}",[[0,0,100000,2]]]`)).toThrow(
      new Error(`corpus-qa: entity snapshot line 2: offsets 0-100000 lie outside sentence 0 of document "${FIRST_DOCUMENT}"`),
    );
  });

  it('names an unknown type code', () => {
    expect(decode(`["${FIRST_DOCUMENT}",[[0,0,4,7]]]`)).toThrow(
      new Error(`corpus-qa: entity snapshot line 2: unknown entity type code 7 in document "${FIRST_DOCUMENT}"`),
    );
  });

  it('names a line that is not JSON or not a document’s mentions, in one line', () => {
    expect(decode('')).toThrow(/^corpus-qa: entity snapshot line 2 is not JSON \([^\n]*\)$/);
    expect(decode('{"doc":1}')).toThrow(new Error('corpus-qa: entity snapshot line 2 is not [documentId, mentions]: {"doc":1}'));
  });
});
