import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { clearedText, formatFeedbackTally } from '../src/bot/replies/formatFeedback.ts';
import { citedTexts } from '../src/bot/runtime/ask.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';
import { questionKey } from '../src/bot/storage/questionKey.ts';
import { citationOf } from '../src/corpus/citation.ts';

/** For server managers: see what members' 👍/👎 do to the answers to a question here, and undo it. */
export const data = new SlashCommandBuilder()
  .setName('feedback')
  .setDescription("See or clear what members' 👍/👎 changed in the answers to a question.")
  .addSubcommand((c) =>
    c
      .setName('show')
      .setDescription('The sources members voted on for a question, with the counts and their effect.')
      .addStringOption((o) => o.setName('question').setDescription('The question, as members ask it').setRequired(true).setMaxLength(500)),
  )
  .addSubcommand((c) =>
    c
      .setName('clear')
      .setDescription('Forget every vote on answers to a question, so it is answered as if no one had voted.')
      .addStringOption((o) => o.setName('question').setDescription('The question, as members ask it').setRequired(true).setMaxLength(500)),
  );

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  store: 'This bot keeps no feedback (it runs without a database).',
};

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<void> {
  const store = deps.store!;
  const question = interaction.options.getString('question', true).trim();
  const key = questionKey(question);
  if (interaction.options.getSubcommand() === 'clear') {
    const forgotten = await store.feedback.clear(interaction.guildId, key);
    deps.logger.info('feedback cleared', { guild: interaction.guildId, votes: forgotten });
    return notify(interaction, clearedText(question, forgotten));
  }
  const tallies = await store.feedback.tally(interaction.guildId, key);
  for (const tally of tallies) await deps.engine.fetchDocument(tally.doc);
  const sources = tallies.map((tally) => {
    const doc = deps.engine.document(tally.doc);
    const [cited] = doc ? citedTexts(deps.engine, [citationOf(doc, { start: tally.start, end: tally.end })]) : [];
    return { tally, cited: cited ?? null };
  });
  await respond(interaction, formatFeedbackTally(question, sources), { ephemeral: true });
}
