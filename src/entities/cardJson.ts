import type { EntityCard, EntitySummary } from './entityIndex.ts';

/**
 * The card in the JSON contract other tools read (`npm run entity -- NAME --json`): exactly these keys,
 * in this order.
 */
export function cardJson(card: EntityCard) {
  return {
    name: card.name,
    type: card.type,
    aliases: card.aliases,
    roles: card.roles.map(({ title, quote, source }) => ({ title, quote, source })),
    mentions: card.mentions.map(({ quote, source }) => ({ quote, source })),
    documents: card.documents.map(({ doc, title, date }) => ({ doc, title, date })),
    related: card.related.map(({ name, type, count }) => ({ name, type, count })),
  };
}

/** One entry of `--list --json`. */
export function summaryJson(summary: EntitySummary) {
  return { name: summary.name, type: summary.type, aliases: summary.aliases, count: summary.count };
}
