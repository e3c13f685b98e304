import { type AutocompleteInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatEntityCard, typeLabels } from '../src/bot/replies/formatEntity.ts';
import { discordLimits } from '../src/bot/replies/limits.ts';
import { clip } from '../src/bot/replies/markdown.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';

export const data = new SlashCommandBuilder()
  .setName('entity')
  .setDescription('What the corpus says of a person, organization or place.')
  .addStringOption((o) =>
    o.setName('name').setDescription('Start typing a name').setRequired(true).setAutocomplete(true).setMaxLength(200),
  );

export async function autocomplete(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void> {
  const typed = interaction.options.getFocused().trim();
  const found = typed === '' ? deps.engine.entities.list() : deps.engine.entities.search(typed, discordLimits.choices);
  await interaction.respond(
    found.slice(0, discordLimits.choices).map((e) => ({
      name: clip(`${e.name} (${typeLabels[e.type].one.toLowerCase()})`, discordLimits.choiceName),
      value: clip(e.name, discordLimits.choiceValue),
    })),
  );
}

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const name = interaction.options.getString('name', true).trim();
  const card = name === '' ? undefined : deps.engine.entities.card(name);
  if (!card)
    return notify(
      interaction,
      `The corpus doesn't mention anyone or anything called "${clip(name, 100)}". Pick a name from the suggestions.`,
    );
  await respond(interaction, formatEntityCard(card));
}
