import { type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatStats, type StatsPeriod } from '../src/bot/replies/formatStats.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { respond } from '../src/bot/runtime/respond.ts';
import type { HelpChannelCounts } from '../src/bot/storage/stats.ts';

/** The periods /stats covers, in days. */
export const statsPeriods = [7, 30] as const;

/** For server managers: what members asked, what the bot answered, and what became of the help channels' posts. */
export const data = new SlashCommandBuilder()
  .setName('stats')
  .setDescription('Questions answered, help posts solved or handed to a human, 👍/👎 and why, with a CSV.');

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  store: 'This bot keeps no record of questions (it runs without a database).',
};

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<void> {
  const store = deps.store!;
  const guild = interaction.guildId;
  // Every help channel the server has, even one without posts yet, and any that had posts before it was removed.
  const current = (await store.settings.get(guild)).helpChannels.map((h) => h.channel);
  const nameOf = (id: string) => {
    const channel = interaction.guild?.channels.cache.get(id);
    return channel ? `#${channel.name}` : id;
  };
  const periods: StatsPeriod[] = [];
  for (const days of statsPeriods) {
    const since = store.since(days);
    const counted = new Map((await store.stats.helpChannels(guild, since)).map((c) => [c.channel, c]));
    const channels = [...new Set([...current, ...counted.keys()])].map((channel) => ({
      ...(counted.get(channel) ?? emptyCounts(channel)),
      name: nameOf(channel),
    }));
    periods.push({ days, all: await store.stats.questions(guild, since), channels });
  }
  await respond(interaction, formatStats(periods, store.retentionDays), { ephemeral: true });
}

function emptyCounts(channel: string): HelpChannelCounts {
  return {
    channel,
    posts: 0,
    answered: 0,
    notCovered: 0,
    rateLimited: 0,
    solved: 0,
    solvedByBot: 0,
    escalated: 0,
    up: 0,
    down: 0,
    reasons: { wrong: 0, outdated: 0, 'not-in-docs': 0, other: 0 },
    medianFirstReplyMs: null,
  };
}
