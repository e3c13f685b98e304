import { type AutocompleteInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatSource } from '../src/bot/replies/formatSource.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';
import { titleChoices } from '../src/bot/runtime/titleSearch.ts';

export const data = new SlashCommandBuilder()
  .setName('source')
  .setDescription("A document's title, date, file and lead passage.")
  .addStringOption((o) => o.setName('doc').setDescription('Start typing a title').setRequired(true).setAutocomplete(true));

export async function autocomplete(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void> {
  await interaction.respond(await titleChoices(deps.engine, interaction.options.getFocused()));
}

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const wanted = interaction.options.getString('doc', true).trim();
  // The value is a document id when picked from autocomplete; a typed title also works.
  const doc = await deps.engine.lookUpDocument(wanted);
  if (!doc) return notify(interaction, `No document matches "${wanted.slice(0, 100)}". Pick one from the suggestions.`);
  await respond(interaction, formatSource(doc));
}
