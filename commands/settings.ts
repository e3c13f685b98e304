import { ChannelType, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatSettings } from '../src/bot/replies/formatSettings.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { respond } from '../src/bot/runtime/respond.ts';
import type { GuildSettings } from '../src/bot/storage/guildSettings.ts';

/** Bounds of the rate limit a server may set: at least one question, at most an hour's window. */
const rateBounds = { questions: { min: 1, max: 100 }, seconds: { min: 1, max: 3600 } } as const;

/** For server managers: how the bot behaves in this server. Each subcommand saves one setting and shows them all. */
export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('How the bot behaves in this server: where it answers, threads, rate limit, bold answers.')
  .addSubcommand((c) => c.setName('show').setDescription('Show the settings.'))
  .addSubcommand((c) =>
    c
      .setName('mentions')
      .setDescription('Where questions that mention the bot are answered.')
      .addStringOption((o) =>
        o
          .setName('answer-in')
          .setDescription('Every channel, or only the listed ones')
          .setRequired(true)
          .addChoices({ name: 'every channel', value: 'all' }, { name: 'listed channels only', value: 'listed' }),
      ),
  )
  .addSubcommand((c) =>
    c
      .setName('channel')
      .setDescription('List or unlist a channel where mentions are answered.')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('The channel')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum),
      )
      .addBooleanOption((o) => o.setName('listed').setDescription('True to answer there, false to stop').setRequired(true)),
  )
  .addSubcommand((c) =>
    c
      .setName('threads')
      .setDescription('Whether the bot opens a thread under each answer to a mention.')
      .addBooleanOption((o) => o.setName('open').setDescription('True to open threads').setRequired(true)),
  )
  .addSubcommand((c) =>
    c
      .setName('rate-limit')
      .setDescription('How many questions each member may ask in a window.')
      .addIntegerOption((o) =>
        o
          .setName('questions')
          .setDescription('Questions per window')
          .setRequired(true)
          .setMinValue(rateBounds.questions.min)
          .setMaxValue(rateBounds.questions.max),
      )
      .addIntegerOption((o) =>
        o
          .setName('seconds')
          .setDescription('Window length in seconds')
          .setRequired(true)
          .setMinValue(rateBounds.seconds.min)
          .setMaxValue(rateBounds.seconds.max),
      ),
  )
  .addSubcommand((c) =>
    c
      .setName('bold-answer')
      .setDescription('Whether the short answer is shown in bold.')
      .addBooleanOption((o) => o.setName('bold').setDescription('True for bold').setRequired(true)),
  );

export const requires: Requirements = {
  permissions: ['ManageGuild'],
  store: 'This bot keeps no settings (it runs without a database): every server gets the defaults.',
};

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, deps: BotDeps): Promise<void> {
  const guild = interaction.guildId;
  const store = deps.store!;
  const options = interaction.options;
  const at = store.now();
  let settings: GuildSettings;
  let headline: string;
  switch (options.getSubcommand()) {
    case 'mentions': {
      const mentions = options.getString('answer-in', true) === 'listed' ? 'listed' : 'all';
      settings = store.settings.update(guild, { mentions }, at);
      headline =
        mentions === 'all' ? 'Saved: mentions are answered in every channel.' : 'Saved: mentions are answered only in the listed channels.';
      break;
    }
    case 'channel': {
      const channel = options.getChannel('channel', true);
      const listed = options.getBoolean('listed', true);
      settings = store.settings.setChannel(guild, channel.id, listed);
      headline = listed ? `Saved: <#${channel.id}> is listed.` : `Saved: <#${channel.id}> is no longer listed.`;
      if (settings.mentions === 'all') headline += ' Lists apply once `/settings mentions answer-in: listed channels only` is set.';
      break;
    }
    case 'threads': {
      const threads = options.getBoolean('open', true);
      settings = store.settings.update(guild, { threads }, at);
      headline = threads ? 'Saved: answers to mentions open a thread.' : 'Saved: answers to mentions open no thread.';
      break;
    }
    case 'rate-limit': {
      const limit = options.getInteger('questions', true);
      const windowSeconds = options.getInteger('seconds', true);
      settings = store.settings.update(guild, { rateLimit: { limit, windowMs: windowSeconds * 1000 } }, at);
      headline = `Saved: each member may ask ${limit} question${limit === 1 ? '' : 's'} per ${windowSeconds} s.`;
      break;
    }
    case 'bold-answer': {
      const boldAnswer = options.getBoolean('bold', true);
      settings = store.settings.update(guild, { boldAnswer }, at);
      headline = boldAnswer ? 'Saved: short answers are shown in bold.' : 'Saved: short answers are shown plain.';
      break;
    }
    default:
      settings = store.settings.get(guild);
      headline = '';
  }
  if (headline !== '') deps.logger.info('settings changed', { guild, setting: options.getSubcommand() });
  await respond(interaction, formatSettings(settings, headline), { ephemeral: true });
}
