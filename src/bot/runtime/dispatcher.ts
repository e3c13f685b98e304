import type { Interaction } from 'discord.js';
import { type Command, type ComponentRoute, summarizeCommand } from './command.ts';
import { type BotContext, depsFor } from './deps.ts';
import { refusal } from './preconditions.ts';
import { notify } from './respond.ts';

export const failureText = 'Something went wrong while answering. The error has been logged; please try again.';

/** What a member is told for a button or menu that no handler reads (an old message, a retired kind). */
export const staleComponentText = 'This button no longer works.';

/** What a log line says about the interaction, without tokens. */
function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    user: interaction.user.id,
    kind:
      interaction.isChatInputCommand() || interaction.isAutocomplete()
        ? interaction.commandName
        : interaction.isMessageComponent()
          ? interaction.customId
          : interaction.type,
  };
}

/**
 * Routes each interaction to its handler: slash commands to `execute`, autocomplete to `autocomplete`,
 * buttons and menus to the route of their custom-id kind (commands' `components`, then `routes`). Before
 * a command or a route runs, its declared requirements are checked here, and only here (preconditions.ts).
 * The one catch-all: whatever a handler throws is logged and the user told, and a failure to tell them is
 * logged too, never thrown. The engine is read once per interaction (depsFor).
 */
export function createInteractionHandler(
  commands: ReadonlyMap<string, Command>,
  context: BotContext,
  routes: readonly ComponentRoute[] = [],
): (interaction: Interaction) => Promise<void> {
  const summaries = [...commands.values()].map(summarizeCommand);
  const components = [...[...commands.values()].flatMap((command) => command.components ?? []), ...routes];
  return async (interaction) => {
    const deps = depsFor(context, summaries);
    try {
      if (interaction.isChatInputCommand()) {
        const command = commands.get(interaction.commandName);
        if (!command) return await notify(interaction, `I don't know /${interaction.commandName}; try /help.`);
        const refused = await refusal(command.requires, interaction, deps, `/${interaction.commandName}`);
        if (refused !== null) return await notify(interaction, refused);
        await command.execute(interaction, deps);
      } else if (interaction.isAutocomplete()) {
        const command = commands.get(interaction.commandName);
        // Suggestions are no use to a member who may not run the command (nor cost them a question).
        const permissions = command?.requires?.permissions ?? [];
        const allowed = permissions.length === 0 || (interaction.inGuild() && interaction.memberPermissions?.has([...permissions]));
        if (allowed) await command?.autocomplete?.(interaction, deps);
        else await interaction.respond([]);
      } else if (interaction.isMessageComponent()) {
        for (const route of components) {
          const handle = route.bind(interaction, deps);
          if (handle === null) continue;
          const refused = await refusal(route.requires, interaction, deps, 'this button');
          if (refused !== null) return await notify(interaction, refused);
          return await handle();
        }
        await notify(interaction, staleComponentText);
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
