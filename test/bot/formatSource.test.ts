import { describe, expect, it } from 'vitest';
import { formatSource } from '../../src/bot/replies/formatSource.ts';
import { limitViolations } from '../../src/bot/replies/limits.ts';
import type { CorpusDocument } from '../../src/corpus/corpusDocument.ts';

describe('formatSource', () => {
  it('keeps a document with a huge lead passage and a very long path within Discord limits', () => {
    const lead = 'Ministers met in Baku to discuss the cable. '.repeat(150).trim();
    const id = `deep/${'folder/'.repeat(150)}memo`;
    const doc: CorpusDocument = {
      id,
      path: `corpus/${id}.txt`,
      title: 'Cable talks',
      titleFromLead: false,
      date: null,
      text: `Cable talks\n\n${lead}`,
      passages: [{ id: `${id}#0`, doc: id, index: 0, start: 13, end: 13 + lead.length, text: lead, sentences: [], headings: [] }],
      format: 'text',
      url: null,
      author: null,
      locations: [],
      blocks: [],
      sections: [],
      aliases: [],
    };
    const payload = formatSource(doc);
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.embeds?.[0]?.title).toBe('Cable talks');
    expect(payload.embeds?.[0]?.description?.length).toBeLessThanOrEqual(4096);
    // Cut at a word boundary: what is shown is a prefix of the passage that ends before a space.
    const shown = payload.embeds?.[0]?.description?.replace(/^> /, '').replace(/…$/, '') ?? '';
    expect(payload.embeds?.[0]?.description?.endsWith('…')).toBe(true);
    expect(lead.startsWith(shown)).toBe(true);
    expect(lead[shown.length]).toBe(' ');
    expect(payload.embeds?.[0]?.fields?.[0]).toEqual({ name: 'Date', value: 'unknown', inline: true });
  });
});
