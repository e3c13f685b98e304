import type { QaEngine } from '../runtime/deps.ts';
import { formatDefaults } from './formatAnswer.ts';
import { clip } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/** Example uses of each command, taken from what the loaded corpus actually contains. */
export function corpusExamples(engine: QaEngine): { ask: string | null; entity: string | null; source: string | null } {
  const person = engine.entities.list('person')[0];
  const card = person ? engine.entities.card(person.name) : undefined;
  const role = card?.roles[0]?.title;
  const ask = role ? `Who is the ${role}?` : person ? `Who is ${person.name}?` : null;
  const anyEntity = person ?? engine.entities.list()[0];
  return { ask, entity: anyEntity?.name ?? null, source: engine.documents[0]?.title ?? null };
}

/** What the bot can do, with examples from the loaded corpus. */
export function formatHelp(engine: QaEngine): ReplyPayload {
  const ex = corpusExamples(engine);
  const example = (text: string | null, command: string, option: string) =>
    text ? `\n  e.g. \`/${command} ${option}: ${clip(text.replace(/`/g, "'"), 120)}\`` : '';
  const lines = [
    `I answer questions from ${engine.documents.length} document${engine.documents.length === 1 ? '' : 's'}, quoting the passage and citing its source.`,
    '',
    `**/ask** — ask a question; the answer comes with a verbatim quote and its source.${example(ex.ask, 'ask', 'question')}`,
    `**/entity** — what the corpus says of a person, organization or place.${example(ex.entity, 'entity', 'name')}`,
    '**/entities** — the people, organizations and places the corpus mentions.',
    `**/source** — a document's title, date, file and lead passage.${example(ex.source, 'source', 'doc')}`,
    '**@mention me** with a question, or reply to one of my answers, and I answer in the channel.',
    // Listed for everyone, since /help cannot tell who manages the server; Discord shows /reindex only to them.
    '**/reindex** (server managers) — re-read the corpus folder now and see which documents changed.',
    '',
    "When the corpus doesn't say, I tell you so and list the nearest sources.",
  ];
  return {
    embeds: [{ color: formatDefaults.color, title: 'corpus-qa', description: lines.join('\n') }],
    allowedMentions: noMentions,
  };
}
