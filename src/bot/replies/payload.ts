import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/** No @everyone, @here, role or user pings, whatever the corpus or the question contains. */
export const noMentions = { parse: [] as [] };

/**
 * A message as the formatters produce it: plain data, so tests compare exact values and the same
 * payload serves slash replies, edits, button updates and mention replies.
 */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Attached files (an export), sent as the message's attachments. */
  files?: { name: string; attachment: Buffer }[];
  allowedMentions: typeof noMentions;
}

/** A short plain-text message (notices, errors). */
export function textPayload(content: string): ReplyPayload {
  return { content, allowedMentions: noMentions };
}

/** One row of buttons, as Discord's JSON. */
export function buttonRow(
  buttons: { customId: string; label: string; disabled?: boolean }[],
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: 1,
    components: buttons.map((b) => ({ type: 2, style: 2, custom_id: b.customId, label: b.label, disabled: b.disabled ?? false })),
  };
}
