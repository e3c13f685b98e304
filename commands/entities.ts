import { type ButtonInteraction, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatEntityList, typeLabels } from '../src/bot/replies/formatEntity.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { respond } from '../src/bot/runtime/respond.ts';
import { ENTITY_TYPES, isEntityType } from '../src/entities/types.ts';

export const data = new SlashCommandBuilder()
  .setName('entities')
  .setDescription('The people, organizations and places the corpus mentions.')
  .addStringOption((o) =>
    o
      .setName('type')
      .setDescription('Only this kind')
      .setRequired(false)
      .addChoices(...ENTITY_TYPES.map((t) => ({ name: typeLabels[t].many, value: t }))),
  );

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const type = interaction.options.getString('type');
  const kind = isEntityType(type) ? type : 'all';
  await respond(interaction, formatEntityList(deps.engine.entities.list(kind === 'all' ? undefined : kind), kind, 0));
}

/** Previous/Next: the page replaces the list in place. */
export async function button(interaction: ButtonInteraction, deps: BotDeps): Promise<void> {
  const [, type, page] = interaction.customId.split(':');
  const kind = isEntityType(type) ? type : 'all';
  const payload = formatEntityList(deps.engine.entities.list(kind === 'all' ? undefined : kind), kind, Number(page) || 0);
  await interaction.update(payload);
}
