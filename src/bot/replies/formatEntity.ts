import type { EntityCard, EntitySummary, EntityType } from '../../entities/entityIndex.ts';
import { customIds } from './customIds.ts';
import { citationLine, formatDefaults } from './formatAnswer.ts';
import { discordLimits } from './limits.ts';
import { escapeMarkdown, fitText, renderFitted } from './markdown.ts';
import { buttonRow, noMentions, type ReplyPayload } from './payload.ts';

export const typeLabels: Record<EntityType, { one: string; many: string }> = {
  person: { one: 'Person', many: 'People' },
  organization: { one: 'Organization', many: 'Organizations' },
  place: { one: 'Place', many: 'Places' },
};

export const entityFormatDefaults = {
  /** Quoted mentions shown on a card. */
  mentionsShown: 3,
  /** Documents listed on a card. */
  documentsShown: 8,
  /** Related entities listed on a card. */
  relatedShown: 8,
  /** Entities per page of /entities. */
  perPage: 15,
  /**
   * Character budgets of the card's parts, so that title + description + fields stay under Discord's
   * 6,000 per message: 256 + 2,000 + (700 + 3 × 700) + 400 plus field names ≈ 5,500.
   */
  budget: { description: 2000, documents: 700, mention: 700, related: 400 },
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Lines joined by newlines, stopping before the one that would pass `max` (then "…"). */
function fitLines(lines: readonly string[], max: number): string {
  let out = '';
  for (const line of lines) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (next.length > max - 2) return `${out}\n…`;
    out = next;
  }
  return out;
}

/** As many lines as fit in `max`, then "…and N more" counting everything left out of `total`. */
function listWithMore(lines: readonly string[], total: number, max: number): string {
  const shown: string[] = [];
  for (const line of lines) {
    const rest = total - shown.length - 1;
    const tail = rest > 0 ? `\n…and ${rest} more` : '';
    if ([...shown, line].join('\n').length + tail.length > max) break;
    shown.push(line);
  }
  const rest = total - shown.length;
  return rest > 0 ? [...shown, `…and ${rest} more`].join('\n') : shown.join('\n');
}

/**
 * What the corpus says of one person, organization or place: type, aliases, roles with their quotes,
 * the documents that mention it, quoted mentions with citations, related names.
 */
export function formatEntityCard(card: EntityCard): ReplyPayload {
  const { budget } = entityFormatDefaults;
  const dates = card.firstDate
    ? ` · ${card.firstDate}${card.lastDate && card.lastDate !== card.firstDate ? ` – ${card.lastDate}` : ''}`
    : '';
  const header = [`${typeLabels[card.type].one} · ${plural(card.count, 'mention')}${dates}`];
  if (card.aliases.length > 0) header.push(`Also: ${card.aliases.map(escapeMarkdown).join(', ')}`);
  const roles = card.roles.map(
    (role) => `**${fitText(role.title, 200)}** — ${citationLine(role.source, 300)}\n> ${fitText(role.quote.replace(/\s+/g, ' '), 400)}`,
  );
  const fields = [];
  if (card.documents.length > 0) {
    const docs = card.documents
      .slice(0, entityFormatDefaults.documentsShown)
      .map((d) => `• ${fitText(d.title, 200)}${d.date ? ` (${d.date})` : ''}`);
    fields.push({
      name: `Mentioned in ${plural(card.documents.length, 'document')}`,
      value: listWithMore(docs, card.documents.length, budget.documents),
    });
  }
  for (const mention of card.mentions.slice(0, entityFormatDefaults.mentionsShown)) {
    const cite = citationLine(mention.source, 300);
    const quote = renderFitted([{ text: mention.quote.replace(/\s+/g, ' '), style: 'plain' }], budget.mention - cite.length - 3);
    fields.push({ name: 'Mention', value: `> ${quote}\n${cite}` });
  }
  if (card.related.length > 0) {
    const related = card.related
      .slice(0, entityFormatDefaults.relatedShown)
      .map((r) => `${r.name} (${typeLabels[r.type].one.toLowerCase()})`);
    fields.push({ name: 'Related', value: fitText(related.join(', '), budget.related) });
  }
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: fitText(card.name, discordLimits.embedTitle),
        description: fitLines([...header, ...roles], budget.description),
        fields,
      },
    ],
    allowedMentions: noMentions,
  };
}

/** One page of the entities the corpus mentions, with Previous/Next buttons. */
export function formatEntityList(entities: readonly EntitySummary[], type: EntityType | 'all', page: number): ReplyPayload {
  const what = type === 'all' ? 'Names' : typeLabels[type].many;
  if (entities.length === 0) return { content: `No ${what.toLowerCase()} found in the corpus.`, allowedMentions: noMentions };
  const { perPage } = entityFormatDefaults;
  const pages = Math.ceil(entities.length / perPage);
  const current = Math.min(Math.max(page, 0), pages - 1);
  const lines = entities.slice(current * perPage, (current + 1) * perPage).map((e, i) => {
    const kind = type === 'all' ? `${typeLabels[e.type].one.toLowerCase()}, ` : '';
    return `${current * perPage + i + 1}. **${fitText(e.name, 200)}** (${kind}${plural(e.count, 'mention')})`;
  });
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: `${what} in the corpus`,
        description: fitLines(lines, discordLimits.embedDescription),
        footer: { text: `Page ${current + 1} of ${pages} · ${plural(entities.length, 'name')}` },
      },
    ],
    components:
      pages > 1
        ? [
            buttonRow([
              { customId: customIds.entitiesPage.id({ type, page: current - 1 }), label: 'Previous', disabled: current === 0 },
              { customId: customIds.entitiesPage.id({ type, page: current + 1 }), label: 'Next', disabled: current === pages - 1 },
            ]),
          ]
        : [],
    allowedMentions: noMentions,
  };
}
