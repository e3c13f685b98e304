import type { CorpusDocument } from '../../corpus/corpusDocument.ts';
import type { EntityIndex } from '../../entities/entityIndex.ts';
import { formatDefaults } from './formatAnswer.ts';
import { clip } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/** What /help reads of the engine: the corpus it shows examples from. */
type HelpCorpus = { readonly documents: readonly CorpusDocument[]; readonly entities: EntityIndex };

/** A loaded slash command as /help lists it. */
export interface CommandSummary {
  name: string;
  description: string;
  /** Registered for members with a permission (Manage Server), so Discord shows it to them only. */
  managersOnly: boolean;
}

/** An example use of a command: the option to fill and a value taken from the loaded corpus. */
interface CommandExample {
  option: string;
  value: string;
}

/** Example uses of the commands that take free text, from what the loaded corpus actually contains. */
export function corpusExamples(engine: HelpCorpus): Partial<Record<string, CommandExample>> {
  const person = engine.entities.list('person')[0];
  const card = person ? engine.entities.card(person.name) : undefined;
  const role = card?.roles[0]?.title;
  const question = role ? `Who is the ${role}?` : person ? `Who is ${person.name}?` : null;
  const anyEntity = person ?? engine.entities.list()[0];
  const title = engine.documents[0]?.title;
  return {
    ...(question && { ask: { option: 'question', value: question } }),
    ...(anyEntity && { entity: { option: 'name', value: anyEntity.name } }),
    ...(title && { source: { option: 'doc', value: title } }),
  };
}

/** What the bot can do: one line per loaded command (from its own description), with corpus examples. */
export function formatHelp(engine: HelpCorpus, commands: readonly CommandSummary[]): ReplyPayload {
  const examples = corpusExamples(engine);
  const count = engine.documents.length;
  const lines = [`I answer questions from ${count} document${count === 1 ? '' : 's'}, quoting the passage and citing its source.`, ''];
  for (const command of commands) {
    if (command.name === 'help') continue;
    const example = examples[command.name];
    const shown = example ? `\n  e.g. \`/${command.name} ${example.option}: ${clip(example.value.replace(/`/g, "'"), 120)}\`` : '';
    // Listed for everyone, since /help cannot tell who manages the server; Discord shows such commands only to them.
    const who = command.managersOnly ? ' (server managers)' : '';
    lines.push(`**/${command.name}**${who} — ${command.description}${shown}`);
  }
  lines.push('**@mention me** with a question, or reply to one of my answers, and I answer in the channel.');
  lines.push('', "When the corpus doesn't say, I tell you so and list the nearest sources.");
  return {
    embeds: [{ color: formatDefaults.color, title: 'corpus-qa', description: lines.join('\n') }],
    allowedMentions: noMentions,
  };
}
