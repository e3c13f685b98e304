import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatHelp } from '../src/bot/replies/formatHelp.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { respond } from '../src/bot/runtime/respond.ts';

export const data = new SlashCommandBuilder().setName('help').setDescription('What this bot can do, with examples from its corpus.');

export async function execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void> {
  await respond(interaction, formatHelp(deps.engine, deps.commands), { ephemeral: true });
}
