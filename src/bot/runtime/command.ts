import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSummary } from '../replies/formatHelp.ts';
import type { BotDeps } from './deps.ts';

/**
 * One slash command module in commands/: the definition (also what deploy-commands registers) and
 * its handlers. Buttons whose custom id starts with `${data.name}:` are routed to `button`.
 */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: BotDeps): Promise<void>;
  button?(interaction: ButtonInteraction, deps: BotDeps): Promise<void>;
}

/** What /help says of a command, read from its definition. */
export function summarizeCommand(command: Command): CommandSummary {
  const json = command.data.toJSON();
  return { name: json.name, description: json.description, managersOnly: json.default_member_permissions != null };
}

/** Checks a loaded module's shape, so a broken command fails at start-up rather than on first use. */
export function asCommand(module: Record<string, unknown>, file: string): Command {
  const data = module.data as { name?: unknown; toJSON?: unknown } | undefined;
  const problems: string[] = [];
  if (typeof data?.name !== 'string' || typeof data.toJSON !== 'function') problems.push('`data` (a SlashCommandBuilder)');
  if (typeof module.execute !== 'function') problems.push('`execute(interaction, deps)`');
  for (const optional of ['autocomplete', 'button'] as const) {
    if (optional in module && typeof module[optional] !== 'function') problems.push(`\`${optional}\` as a function`);
  }
  if (problems.length > 0) throw new Error(`Command loader: ${file} must export ${problems.join(' and ')}`);
  return module as unknown as Command;
}
