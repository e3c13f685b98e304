import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatSources } from '../src/bot/replies/formatSources.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { respond } from '../src/bot/runtime/respond.ts';

/** For server managers: the websites and repositories synced into the corpus, and how their syncs went. */
export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The websites and Git repositories synced into the corpus: last sync, pages, last error.');

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  also: [
    (_interaction, deps) =>
      deps.sources
        ? null
        : 'This bot syncs no sources: it answers from its corpus folder. Websites and Git repositories are declared in sources.yaml.',
  ],
};

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  await respond(interaction, formatSources(await deps.sources!.statuses()), { ephemeral: true });
}
