import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageComponentInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import type { CustomIdKind } from '../replies/customIds.ts';
import type { CommandSummary } from '../replies/formatHelp.ts';
import type { BotDeps } from './deps.ts';
import { type Requirements, registeredRequirements } from './preconditions.ts';

/**
 * The handler of one kind of button or menu (see customIds.ts), with what it needs. Made by `onButton` or
 * `onSelect`, which read the custom id's values through its kind.
 */
export interface ComponentRoute {
  /** The custom ids it handles start with this (`ask:vote`). */
  readonly prefix: string;
  /** Checked by the dispatcher before the handler runs. */
  readonly requires?: Requirements;
  /** The handler bound to this interaction's values; null when the interaction is not of this kind. */
  bind(interaction: MessageComponentInteraction, deps: BotDeps): (() => Promise<void>) | null;
}

/** A route for one component type: the interactions `accepts` lets through, read through `kind`. */
function componentRoute<P extends object, I extends MessageComponentInteraction>(
  kind: CustomIdKind<P>,
  accepts: (interaction: MessageComponentInteraction) => interaction is I,
  handle: (interaction: I, values: P, deps: BotDeps) => Promise<void>,
  requires: Requirements | undefined,
): ComponentRoute {
  return {
    prefix: kind.prefix,
    ...(requires ? { requires } : {}),
    bind(interaction, deps) {
      const values = accepts(interaction) ? kind.read(interaction.customId) : undefined;
      return values === undefined ? null : () => handle(interaction as I, values, deps);
    },
  };
}

/** Routes the buttons of one custom-id kind to `handle`, with the values read from the id. */
export function onButton<P extends object>(
  kind: CustomIdKind<P>,
  handle: (interaction: ButtonInteraction, values: P, deps: BotDeps) => Promise<void>,
  requires?: Requirements,
): ComponentRoute {
  return componentRoute(kind, (i): i is ButtonInteraction => i.isButton(), handle, requires);
}

/** Routes the string select menus of one custom-id kind to `handle`, with the values read from the id. */
export function onSelect<P extends object>(
  kind: CustomIdKind<P>,
  handle: (interaction: StringSelectMenuInteraction, values: P, deps: BotDeps) => Promise<void>,
  requires?: Requirements,
): ComponentRoute {
  return componentRoute(kind, (i): i is StringSelectMenuInteraction => i.isStringSelectMenu(), handle, requires);
}

/**
 * One slash command module in commands/: the definition, what it requires (enforced by the dispatcher,
 * and registered by deploy-commands from the same declaration), and its handlers: `execute`, and
 * `autocomplete` and `components` (the buttons and menus its messages carry) when it has them.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  requires?: Requirements;
  execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void>;
  components?: readonly ComponentRoute[];
}

/** The command as Discord registers it: its definition with the permissions and contexts its requirements declare. */
export function registration(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return { ...command.data.toJSON(), ...registeredRequirements(command.requires) };
}

/** What /help says of a command, read from its definition. */
export function summarizeCommand(command: Command): CommandSummary {
  const json = registration(command);
  return { name: json.name, description: json.description, managersOnly: json.default_member_permissions != null };
}

/** Checks a loaded module's shape, so a broken command fails at start-up rather than on first use. */
export function asCommand(module: Record<string, unknown>, file: string): Command {
  const data = module.data as { name?: unknown; toJSON?: unknown } | undefined;
  const problems: string[] = [];
  if (typeof data?.name !== 'string' || typeof data.toJSON !== 'function') problems.push('`data` (a SlashCommandBuilder)');
  if (typeof module.execute !== 'function') problems.push('`execute(interaction, deps)`');
  if ('autocomplete' in module && typeof module.autocomplete !== 'function') problems.push('`autocomplete` as a function');
  const routes = module.components;
  if ('components' in module && !(Array.isArray(routes) && routes.every((r) => typeof (r as ComponentRoute | null)?.bind === 'function'))) {
    problems.push('`components` as a list of onButton/onSelect routes');
  }
  if ('button' in module) problems.push('`components` instead of `button` (route each custom-id kind with onButton)');
  if (problems.length > 0) throw new Error(`Command loader: ${file} must export ${problems.join(' and ')}`);
  // Permissions live in `requires` alone: set on the builder too, the two could disagree.
  const json = (data as { toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody }).toJSON();
  if (json.default_member_permissions != null || json.contexts != null) {
    throw new Error(`Command loader: ${file} sets permissions or contexts on \`data\`; declare them in \`requires\` instead`);
  }
  return module as unknown as Command;
}
