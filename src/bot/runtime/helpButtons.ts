import { type ButtonInteraction, ChannelType, DiscordAPIError, RESTJSONErrorCodes, type ThreadChannel } from 'discord.js';
import { customIds } from '../replies/customIds.ts';
import { askedForHumanText, solvedText } from '../replies/formatHelpPost.ts';
import { clip } from '../replies/markdown.ts';
import { noMentions } from '../replies/payload.ts';
import { solvedArchiveMsOf } from '../storage/guildSettings.ts';
import { type ComponentRoute, onButton } from './command.ts';
import type { BotDeps } from './deps.ts';
import { memberHas, type Precondition, permissionList, type Requirements } from './preconditions.ts';
import { notify } from './respond.ts';

/** Discord's longest thread name, and the most tags a forum post may carry. */
const THREAD_NAME_CHARS = 100;
const MAX_TAGS = 5;

/** A forum tag that means solved, by its name: "Solved", "Resolved", "✅ solved"… */
const SOLVED_TAG = /^\W*(solved|resolved)\W*$/i;

export const notHelpPostText = 'This button works only in a help post’s thread.';
export const notAskerText = 'Only the member who asked, or a member with the Manage Threads permission, can use this button.';

/** The help post the interaction's thread is, once `inHelpPost` has let it through. */
async function postOf(interaction: ButtonInteraction, deps: BotDeps) {
  return (await deps.store!.helpPosts.get(interaction.channelId ?? ''))!;
}

/** In a thread of a help post the bot took up. */
const inHelpPost: Precondition = async (interaction, deps) =>
  interaction.channel?.isThread() && (await deps.store?.helpPosts.get(interaction.channel.id)) ? null : notHelpPostText;

/** The member who asked, or one with Manage Threads (who may tidy any thread). */
const askerOrHelper: Precondition = async (interaction, deps) => {
  if (memberHas(interaction, ['ManageThreads'])) return null;
  const post = await deps.store!.helpPosts.get(interaction.channelId ?? '');
  return post && deps.store!.hashUser(interaction.user.id) === post.askerHash ? null : notAskerText;
};

const helpPostButton: Requirements = {
  guildOnly: true,
  store: 'This button no longer works.',
  also: [inHelpPost, askerOrHelper],
};

/**
 * ✅ Solved: records the outcome, applies the forum's "Solved" (or "Resolved") tag when it has one, else
 * puts "[Solved]" before the thread's name, and archives the thread after the server's delay.
 */
async function markSolved(interaction: ButtonInteraction, _values: object, deps: BotDeps): Promise<void> {
  const store = deps.store!;
  const thread = interaction.channel as ThreadChannel;
  const post = await postOf(interaction, deps);
  if (!(await store.helpPosts.solved(post.thread, store.now()))) return notify(interaction, 'This post is already marked solved.');
  const settings = await store.settings.get(post.guild);
  const archiveMs = solvedArchiveMsOf(settings);
  await interaction.reply({ content: solvedText(interaction.user.id, archiveMs / 60_000), allowedMentions: noMentions });
  try {
    const tag =
      thread.parent?.type === ChannelType.GuildForum ? thread.parent.availableTags.find((t) => SOLVED_TAG.test(t.name)) : undefined;
    if (tag) {
      if (!thread.appliedTags.includes(tag.id)) await thread.setAppliedTags([...thread.appliedTags.slice(0, MAX_TAGS - 1), tag.id]);
    } else if (!/^\[solved\]/i.test(thread.name)) {
      await thread.setName(clip(`[Solved] ${thread.name}`, THREAD_NAME_CHARS));
    }
  } catch (error) {
    if (!(error instanceof DiscordAPIError) || error.code !== RESTJSONErrorCodes.MissingPermissions) throw error;
    deps.logger.warn('could not mark a help post solved', { thread: thread.id, error });
    await interaction.followUp({
      content: `I could not tag or rename this post: I need the ${permissionList(['ManageThreads'])} permission here.`,
      flags: 64,
      allowedMentions: noMentions,
    });
  }
  deps.archives.schedule(thread, archiveMs);
}

/**
 * 🙋 Ask a human: mentions the server's support role (once per thread), records the escalation, and the bot
 * answers no more of the asker's messages in the thread.
 */
async function askHuman(interaction: ButtonInteraction, _values: object, deps: BotDeps): Promise<void> {
  const store = deps.store!;
  const post = await postOf(interaction, deps);
  if (!(await store.helpPosts.escalated(post.thread, store.now())))
    return notify(interaction, 'A human has already been asked to look at this post.');
  const role = (await store.settings.get(post.guild)).supportRole;
  await interaction.reply({
    content: askedForHumanText(role),
    // The one ping the bot ever sends: the role the server chose, and nothing the text could hold.
    allowedMentions: role === null ? noMentions : { parse: [], roles: [role] },
  });
}

/** The buttons under the bot's replies in help posts' threads. */
export const helpPostRoutes: readonly ComponentRoute[] = [
  onButton(customIds.solved, markSolved, helpPostButton),
  onButton(customIds.askHuman, askHuman, helpPostButton),
];
