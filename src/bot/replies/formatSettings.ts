import { type GuildSettings, helpConfidenceOf, rateLimitDefaults, SOLVED_ARCHIVE_MINUTES_DEFAULT } from '../storage/guildSettings.ts';
import { formatDefaults } from './formatAnswer.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Where mentions are answered, in words. */
function mentionsLine(settings: GuildSettings): string {
  if (settings.mentions === 'all') return 'in every channel';
  if (settings.channels.length === 0) return 'nowhere yet: list a channel with `/settings channel`';
  return `only in ${settings.channels.map((id) => `<#${id}>`).join(', ')} (and their threads)`;
}

function rateLine(rateLimit: GuildSettings['rateLimit']): string {
  const { limit, windowMs } = rateLimit ?? rateLimitDefaults;
  return `${limit} question${limit === 1 ? '' : 's'} per ${seconds(windowMs)} per member${rateLimit ? '' : ' (the default)'}`;
}

/** The help channels' settings, once the server has set any of them (a server without help channels is not shown them). */
function helpFields(settings: GuildSettings): { name: string; value: string }[] {
  const { helpChannels, helpConfidence, supportRole, solvedArchiveMinutes } = settings;
  if (helpChannels.length === 0 && helpConfidence === null && supportRole === null && solvedArchiveMinutes === null) return [];
  const channels =
    helpChannels.length === 0
      ? 'none yet: add one with `/settings help-channel`'
      : helpChannels.map((h) => `<#${h.channel}> (${h.kind === 'forum' ? 'every new post' : 'every new question'})`).join(', ');
  const minutes = solvedArchiveMinutes ?? SOLVED_ARCHIVE_MINUTES_DEFAULT;
  return [
    { name: 'Help channels', value: channels },
    {
      name: 'Help confidence',
      value: `answers from ${helpConfidenceOf(settings)}${helpConfidence === null ? ' (the default)' : ''}; below it, the nearest sources and "Ask a human"`,
    },
    { name: 'Support role', value: supportRole === null ? 'none (no one is pinged)' : `<@&${supportRole}>` },
    { name: 'Solved posts', value: minutes === 0 ? 'archived at once' : `archived ${minutes} min after "Solved"` },
  ];
}

/**
 * A server's settings as its managers see them after /settings: what changed, then every setting, each
 * in the words of what the bot does.
 *
 * @example formatSettings(defaultGuildSettings, 'Saved.').embeds[0].fields[0] // → { name: 'Mentions answered', value: 'in every channel' }
 */
export function formatSettings(settings: GuildSettings, headline = ''): ReplyPayload {
  return {
    ...(headline === '' ? {} : { content: headline }),
    embeds: [
      {
        color: formatDefaults.color,
        title: 'Settings for this server',
        fields: [
          { name: 'Mentions answered', value: mentionsLine(settings) },
          {
            name: 'Threads',
            value: settings.threads ? 'opened under each answer to a mention' : 'not opened (answers offer a follow-up button)',
          },
          { name: 'Rate limit', value: rateLine(settings.rateLimit) },
          { name: 'Short answer', value: settings.boldAnswer ? 'in bold' : 'plain' },
          ...helpFields(settings),
        ],
        footer: { text: '/settings changes these; each takes effect at the next question.' },
      },
    ],
    allowedMentions: noMentions,
  };
}
