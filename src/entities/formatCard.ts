import type { CitedQuote, EntityCard, EntitySummary } from './entityIndex.ts';

const cite = (quoted: CitedQuote): string => {
  const { source } = quoted;
  return `${source.path}${source.date ? `, ${source.date}` : ''} [${source.start}–${source.end}]`;
};

/** The card as a person reads it in a terminal. */
export function formatCardText(card: EntityCard): string {
  const lines = [`${card.name} (${card.type})`];
  if (card.aliases.length > 0) lines.push(`Also written: ${card.aliases.join(', ')}`);
  const span =
    card.firstDate && card.lastDate
      ? `, ${card.firstDate === card.lastDate ? card.firstDate : `${card.firstDate} to ${card.lastDate}`}`
      : '';
  lines.push(
    `Mentioned ${card.count} time${card.count === 1 ? '' : 's'} in ${card.documents.length} document${card.documents.length === 1 ? '' : 's'}${span}`,
  );
  if (card.roles.length > 0) {
    lines.push('', 'Roles:');
    for (const role of card.roles) lines.push(`  ${role.title}`, `    “${role.quote}”`, `    — ${cite(role)}`);
  }
  if (card.mentions.length > 0) {
    lines.push('', 'Mentions:');
    for (const mention of card.mentions) lines.push(`  “${mention.quote}”`, `    — ${cite(mention)}`);
  }
  if (card.related.length > 0) {
    lines.push('', `Related: ${card.related.map((entity) => `${entity.name} (${entity.type}, ${entity.count})`).join(', ')}`);
  }
  lines.push('', 'Documents:');
  for (const doc of card.documents) lines.push(`  ${doc.title}${doc.date ? ` (${doc.date})` : ''} — ${doc.doc}`);
  return lines.join('\n');
}

/** One line per entity: name, type, mention count, aliases. */
export function formatListText(summaries: readonly EntitySummary[]): string {
  if (summaries.length === 0) return 'No entities.';
  return summaries
    .map(
      (entity) =>
        `${String(entity.count).padStart(5)}  ${entity.type.padEnd(12)}  ${entity.name}${entity.aliases.length > 0 ? `  (${entity.aliases.join(', ')})` : ''}`,
    )
    .join('\n');
}
