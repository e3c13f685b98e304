import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatGaps } from '../src/bot/replies/formatGaps.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { respond } from '../src/bot/runtime/respond.ts';

export const gapsDefaults = {
  /** How far back /gaps looks unless told. */
  days: 30,
  /** Questions in the CSV export at most. */
  exported: 1_000,
} as const;

/** For server managers: what members asked that the corpus could not answer, to know what to add. */
export const data = new SlashCommandBuilder()
  .setName('gaps')
  .setDescription('The questions asked here that the bot could not answer, or whose answers got 👎, with a CSV.')
  .addIntegerOption((o) =>
    o
      .setName('days')
      .setDescription(`How far back to look (default ${gapsDefaults.days})`)
      .setRequired(false)
      .setMinValue(1)
      .setMaxValue(3650),
  );

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  store: 'This bot keeps no record of questions (it runs without a database).',
};

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<void> {
  const store = deps.store!;
  const days = interaction.options.getInteger('days') ?? gapsDefaults.days;
  const gaps = await store.questions.gaps(interaction.guildId, store.since(days), gapsDefaults.exported);
  await respond(interaction, formatGaps(gaps, days, store.retentionDays), { ephemeral: true });
}
