import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { customIds } from '../src/bot/replies/customIds.ts';
import { formatEntityList, typeLabels } from '../src/bot/replies/formatEntity.ts';
import { onButton } from '../src/bot/runtime/command.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { respond } from '../src/bot/runtime/respond.ts';
import { ENTITY_TYPES, type EntityType, isEntityType } from '../src/entities/entityIndex.ts';

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

const listOf = (deps: BotDeps, kind: EntityType | 'all') => deps.engine.entities.list(kind === 'all' ? undefined : kind);

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  const type = interaction.options.getString('type');
  const kind = isEntityType(type) ? type : 'all';
  await respond(interaction, formatEntityList(listOf(deps, kind), kind, 0));
}

/** Previous/Next: the page replaces the list in place. */
export const components = [
  onButton(customIds.entitiesPage, async (interaction, { type, page }, deps) => {
    await interaction.update(formatEntityList(listOf(deps, type), type, page));
  }),
];
