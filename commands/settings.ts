import { ChannelType, type ChatInputCommandInteraction, SlashCommandBuilder } from 'discord.js';
import { formatSettings } from '../src/bot/replies/formatSettings.ts';
import type { BotDeps } from '../src/bot/runtime/deps.ts';
import { cannotMentionRole, missingHelpPermissions } from '../src/bot/runtime/helpPermissions.ts';
import type { Requirements } from '../src/bot/runtime/preconditions.ts';
import { notify, respond } from '../src/bot/runtime/respond.ts';
import {
  type GuildSettings,
  HELP_CONFIDENCE_DEFAULT,
  helpConfidenceOf,
  SOLVED_ARCHIVE_MINUTES_DEFAULT,
} from '../src/bot/storage/guildSettings.ts';

/** Bounds of the rate limit a server may set: at least one question, at most an hour's window. */
const rateBounds = { questions: { min: 1, max: 100 }, seconds: { min: 1, max: 3600 } } as const;

/** For server managers: how the bot behaves in this server. Each subcommand saves one setting and shows them all. */
export const data = new SlashCommandBuilder()
  .setName('settings')
  .setDescription('How the bot behaves here: where it answers, threads, rate limit, bold answers, help channels.')
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
  )
  .addSubcommand((c) =>
    c
      .setName('help-channel')
      .setDescription('Answer every new post (forum) or question (text channel) there, without a mention.')
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription('A forum or text channel')
          .setRequired(true)
          .addChannelTypes(ChannelType.GuildForum, ChannelType.GuildText),
      )
      .addBooleanOption((o) => o.setName('on').setDescription('True to answer there, false to stop').setRequired(true)),
  )
  .addSubcommand((c) =>
    c
      .setName('help-confidence')
      .setDescription('How sure the bot must be to answer a help post; below it, it offers a human.')
      .addNumberOption((o) =>
        o
          .setName('confidence')
          .setDescription(`From 0 to 1 (default ${HELP_CONFIDENCE_DEFAULT}); leave out for the default`)
          .setRequired(false)
          .setMinValue(0)
          .setMaxValue(1),
      ),
  )
  .addSubcommand((c) =>
    c
      .setName('support-role')
      .setDescription('The role "Ask a human" mentions in a help post.')
      .addRoleOption((o) => o.setName('role').setDescription('Leave out for none').setRequired(false)),
  )
  .addSubcommand((c) =>
    c
      .setName('solved-archive')
      .setDescription('How long after "Solved" a help post is archived.')
      .addIntegerOption((o) =>
        o
          .setName('minutes')
          .setDescription(`Minutes (default ${SOLVED_ARCHIVE_MINUTES_DEFAULT}; 0 archives at once)`)
          .setRequired(true)
          .setMinValue(0)
          .setMaxValue(10_080),
      ),
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
      settings = await store.settings.update(guild, { mentions }, at);
      headline =
        mentions === 'all' ? 'Saved: mentions are answered in every channel.' : 'Saved: mentions are answered only in the listed channels.';
      break;
    }
    case 'channel': {
      const channel = options.getChannel('channel', true);
      const listed = options.getBoolean('listed', true);
      settings = await store.settings.setChannel(guild, channel.id, listed);
      headline = listed ? `Saved: <#${channel.id}> is listed.` : `Saved: <#${channel.id}> is no longer listed.`;
      if (settings.mentions === 'all') headline += ' Lists apply once `/settings mentions answer-in: listed channels only` is set.';
      break;
    }
    case 'threads': {
      const threads = options.getBoolean('open', true);
      settings = await store.settings.update(guild, { threads }, at);
      headline = threads ? 'Saved: answers to mentions open a thread.' : 'Saved: answers to mentions open no thread.';
      break;
    }
    case 'rate-limit': {
      const limit = options.getInteger('questions', true);
      const windowSeconds = options.getInteger('seconds', true);
      settings = await store.settings.update(guild, { rateLimit: { limit, windowMs: windowSeconds * 1000 } }, at);
      headline = `Saved: each member may ask ${limit} question${limit === 1 ? '' : 's'} per ${windowSeconds} s.`;
      break;
    }
    case 'bold-answer': {
      const boldAnswer = options.getBoolean('bold', true);
      settings = await store.settings.update(guild, { boldAnswer }, at);
      headline = boldAnswer ? 'Saved: short answers are shown in bold.' : 'Saved: short answers are shown plain.';
      break;
    }
    case 'help-channel': {
      const picked = options.getChannel('channel', true);
      const on = options.getBoolean('on', true);
      const kind = picked.type === ChannelType.GuildForum ? 'forum' : 'text';
      if (on) {
        const missing = await missingInChannel(interaction, picked.id, kind);
        if (missing.length > 0) {
          return notify(
            interaction,
            `I can't answer in <#${picked.id}> yet: I need ${missing.join(', ')} there. Grant them to me, then run this again.`,
          );
        }
      }
      settings = await store.settings.setHelpChannel(guild, { id: picked.id, kind }, on, at);
      headline = !on
        ? `Saved: <#${picked.id}> is no longer a help channel.`
        : kind === 'forum'
          ? `Saved: every new post in <#${picked.id}> is answered in its thread${deps.messageContent ? '' : ', from its title (without the Message Content intent I cannot read the post itself)'}.`
          : `Saved: every new question in <#${picked.id}> is answered in a thread under it${deps.messageContent ? '' : '. Without the Message Content intent I read only messages that mention me, so members there must mention me'}.`;
      break;
    }
    case 'help-confidence': {
      const helpConfidence = options.getNumber('confidence');
      settings = await store.settings.update(guild, { helpConfidence }, at);
      headline = `Saved: help posts are answered from a confidence of ${helpConfidenceOf(settings)}${helpConfidence === null ? ' (the default)' : ''}.`;
      break;
    }
    case 'support-role': {
      const role = options.getRole('role');
      settings = await store.settings.update(guild, { supportRole: role?.id ?? null }, at);
      headline = role ? `Saved: "Ask a human" mentions <@&${role.id}>.` : 'Saved: "Ask a human" mentions no role.';
      const cannot = role ? await roleWarning(interaction, role.id) : null;
      if (cannot) headline += ` ${cannot}`;
      break;
    }
    case 'solved-archive': {
      const solvedArchiveMinutes = options.getInteger('minutes', true);
      settings = await store.settings.update(guild, { solvedArchiveMinutes }, at);
      headline =
        solvedArchiveMinutes === 0
          ? 'Saved: a help post is archived as soon as it is marked solved.'
          : `Saved: a help post is archived ${solvedArchiveMinutes} min after it is marked solved.`;
      break;
    }
    default:
      settings = await store.settings.get(guild);
      headline = '';
  }
  if (headline !== '') deps.logger.info('settings changed', { guild, setting: options.getSubcommand() });
  await respond(interaction, formatSettings(settings, headline), { ephemeral: true });
}

/** The bot's own member and the server, as cached (or fetched, when the interaction came without them). */
async function guildAndMe(interaction: ChatInputCommandInteraction<'cached' | 'raw'>) {
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId));
  return { guild, me: guild.members.me ?? (await guild.members.fetchMe()) };
}

/** The permissions the bot lacks in a channel to serve it as a help channel, each with what it is for. */
async function missingInChannel(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, id: string, kind: 'forum' | 'text') {
  const { guild, me } = await guildAndMe(interaction);
  const channel = guild.channels.cache.get(id) ?? (await guild.channels.fetch(id));
  return channel ? missingHelpPermissions(channel, me, kind) : [];
}

/** Why the bot could not mention the role, or null. */
async function roleWarning(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, id: string): Promise<string | null> {
  const { guild, me } = await guildAndMe(interaction);
  const role = guild.roles.cache.get(id) ?? (await guild.roles.fetch(id));
  return role ? cannotMentionRole(role, me) : null;
}
