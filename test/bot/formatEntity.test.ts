import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatEntityCard, formatEntityList } from '../../src/bot/replies/formatEntity.ts';
import { limitViolations } from '../../src/bot/replies/limits.ts';
import type { Citation } from '../../src/corpus/corpusDocument.ts';
import type { EntityCard, EntitySummary } from '../../src/entities/entityIndex.ts';

const path = 'corpus/003_31b3e27154ee3997.txt';
const text = readFileSync(path, 'utf8');
const title = 'The digital submarine infrastructure project through the bottom of the Caspian Sea…';

function cited(sentence: string): { quote: string; source: Citation } {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`not in ${path}: ${sentence}`);
  return {
    quote: sentence,
    source: {
      doc: '003_31b3e27154ee3997',
      title,
      path,
      url: null,
      date: '2021-03-05',
      start,
      end: start + sentence.length,
      location: null,
      elided: null,
    },
  };
}

const chairman = cited(
  'Fuad Allahverdiyev, Chairman of the Board of Directors at AzerTelecom spoke at the event about the construction of the Trans-Caspian Fiber Optic Cable, which will contribute to the development of the ICT and telecommunications sectors of Azerbaijan and Kazakhstan, as well as the new possibilities it will bring forward.',
);
const noted = cited(
  'Allahverdiyev added that the backbone fiber-optic cable line will meet the needs of Central Asia and surrounding countries for connectivity services.',
);

const card: EntityCard = {
  name: 'Fuad Allahverdiyev',
  type: 'person',
  aliases: ['Allahverdiyev'],
  roles: [{ title: 'Chairman of the Board of Directors at AzerTelecom', ...chairman }],
  mentions: [chairman, noted],
  documents: [{ doc: '003_31b3e27154ee3997', title, date: '2021-03-05' }],
  related: [
    { name: 'AzerTelecom', type: 'organization', count: 2 },
    { name: 'Kazakhstan', type: 'place', count: 1 },
  ],
  count: 3,
  firstDate: '2021-03-05',
  lastDate: '2021-03-05',
};

describe('formatEntityCard', () => {
  it('shows type, aliases, roles with their quote, documents, quoted mentions and related names', () => {
    const cite =
      'The digital submarine infrastructure project through the bottom of the Caspian Sea… · `corpus/003_31b3e27154ee3997.txt` · 2021-03-05';
    expect(formatEntityCard(card)).toEqual({
      embeds: [
        {
          color: 0x5865f2,
          title: 'Fuad Allahverdiyev',
          description: [
            'Person · 3 mentions · 2021-03-05',
            'Also: Allahverdiyev',
            `**Chairman of the Board of Directors at AzerTelecom** — ${cite}`,
            `> ${chairman.quote}`,
          ].join('\n'),
          fields: [
            {
              name: 'Mentioned in 1 document',
              value: '• The digital submarine infrastructure project through the bottom of the Caspian Sea… (2021-03-05)',
            },
            { name: 'Mention', value: `> ${chairman.quote}\n${cite}` },
            { name: 'Mention', value: `> ${noted.quote}\n${cite}` },
            { name: 'Related', value: 'AzerTelecom \\(organization\\), Kazakhstan \\(place\\)' },
          ],
        },
      ],
      allowedMentions: { parse: [] },
    });
  });

  it('keeps a card of a much-mentioned name within Discord limits', () => {
    const long = { ...chairman, quote: `${chairman.quote} `.repeat(20).trim() };
    const big: EntityCard = {
      ...card,
      aliases: Array.from({ length: 60 }, (_, i) => `Alias number ${i}`),
      roles: Array.from({ length: 30 }, (_, i) => ({ ...long, title: `Role ${i} of the Board of Directors` })),
      mentions: Array.from({ length: 50 }, () => long),
      documents: Array.from({ length: 300 }, (_, i) => ({ doc: `d${i}`, title: `${title} ${i}`, date: null })),
      related: Array.from({ length: 100 }, (_, i) => ({ name: `Name ${i}`, type: 'place' as const, count: 1 })),
    };
    const payload = formatEntityCard(big);
    expect(limitViolations(payload)).toEqual([]);
    expect(payload.embeds?.[0]?.fields?.[0]?.name).toBe('Mentioned in 300 documents');
    const docLines = payload.embeds?.[0]?.fields?.[0]?.value.split('\n') ?? [];
    expect(docLines.length).toBeGreaterThan(2);
    expect(docLines.at(-1)).toBe(`…and ${300 - (docLines.length - 1)} more`);
  });
});

describe('formatEntityList', () => {
  const people: EntitySummary[] = Array.from({ length: 20 }, (_, i) => ({
    name: `Person ${i + 1}`,
    type: 'person',
    aliases: [],
    count: 20 - i,
  }));

  it('numbers one page of names with their mention counts and offers the next page', () => {
    const payload = formatEntityList(people, 'person', 1);
    expect(payload.embeds?.[0]).toEqual({
      color: 0x5865f2,
      title: 'People in the corpus',
      description: [
        '16. **Person 16** (5 mentions)',
        '17. **Person 17** (4 mentions)',
        '18. **Person 18** (3 mentions)',
        '19. **Person 19** (2 mentions)',
        '20. **Person 20** (1 mention)',
      ].join('\n'),
      footer: { text: 'Page 2 of 2 · 20 names' },
    });
    expect(payload.components?.[0]?.components).toEqual([
      { type: 2, style: 2, custom_id: 'entities:person:0', label: 'Previous', disabled: false },
      { type: 2, style: 2, custom_id: 'entities:person:2', label: 'Next', disabled: true },
    ]);
  });

  it('says so when the corpus names nothing of that kind', () => {
    expect(formatEntityList([], 'organization', 0)).toEqual({
      content: 'No organizations found in the corpus.',
      allowedMentions: { parse: [] },
    });
  });
});
