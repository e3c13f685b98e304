import type { Interaction } from 'discord.js';
import { type Command, summarizeCommand } from './command.ts';
import { type BotContext, depsFor } from './deps.ts';
import { notify } from './respond.ts';

export const failureText = 'Something went wrong while answering. The error has been logged; please try again.';

/** What a log line says about the interaction, without tokens. */
function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    user: interaction.user.id,
    kind:
      interaction.isChatInputCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isButton()
          ? interaction.customId
          : interaction.type,
  };
}

/**
 * Routes each interaction to its command: slash commands to `execute`, autocomplete to
 * `autocomplete`, buttons (custom id `name:…`) to `button`. The one catch-all: whatever a handler
 * throws is logged and the user told, and a failure to tell them is logged too, never thrown.
 * The engine is read once per interaction (depsFor).
 */
export function createInteractionHandler(
  commands: ReadonlyMap<string, Command>,
  context: BotContext,
): (interaction: Interaction) => Promise<void> {
  const summaries = [...commands.values()].map(summarizeCommand);
  return async (interaction) => {
    const deps = depsFor(context, summaries);
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) return await notify(interaction, `I don't know /${interaction.commandName}; try /help.`);
        await command.execute(interaction, deps);
      } else if (interaction.isAutocomplete()) {
        await commands.get(interaction.commandName)?.autocomplete?.(interaction, deps);
      } else if (interaction.isButton()) {
        const command = commands.get(interaction.customId.split(':')[0] ?? '');
        if (!command?.button) return await notify(interaction, 'This button no longer works.');
        await command.button(interaction, deps);
      }
    } catch (error) {
      deps.logger.error('interaction failed', { ...describe(interaction), error });
      if (!interaction.isRepliable()) return;
      try {
        await notify(interaction, failureText);
      } catch (notifyError) {
        deps.logger.error('could not tell the user about a failure', { ...describe(interaction), error: notifyError });
      }
    }
  };
}
