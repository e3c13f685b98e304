import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { type ReplyPayload, textPayload } from '../replies/payload.ts';

/**
 * Sends a payload as the interaction's reply, whatever state it is in: a first reply, the edit of
 * a deferred reply, or a follow-up. An ephemeral notice after a public defer replaces the
 * "thinking…" message with a private one (an edit cannot change who sees a message).
 */
export async function respond(
  interaction: RepliableInteraction,
  payload: ReplyPayload,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  const flags = options.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.deferred && !interaction.replied) {
    const deferredEphemeral = interaction.ephemeral ?? false;
    if (options.ephemeral && !deferredEphemeral) {
      await interaction.deleteReply();
      await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
      return;
    }
    await interaction.editReply(payload);
    return;
  }
  if (interaction.replied) {
    await interaction.followUp({ ...payload, ...(flags ? { flags } : {}) });
    return;
  }
  await interaction.reply({ ...payload, ...(flags ? { flags } : {}) });
}

/** A short message only the user who asked sees. */
export function notify(interaction: RepliableInteraction, text: string): Promise<void> {
  return respond(interaction, textPayload(text), { ephemeral: true });
}

/** "Slow down" text for a rate-limited user. */
export function rateLimitText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking quickly — try again in ${seconds} s.`;
}
