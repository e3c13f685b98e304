import { readdir } from 'node:fs/promises';
import { asCommand, type Command } from './command.ts';

/** Where the command modules live: `commands/` at the repository root. */
export const commandsDir = new URL('../../../commands/', import.meta.url);

/**
 * Imports every module in commands/ and checks its shape. The bot and deploy-commands both load
 * through here, so what is registered is exactly what is handled.
 */
export async function loadCommands(dir: URL = commandsDir): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts')).sort();
  const commands = new Map<string, Command>();
  const prefixes = new Map<string, string>();
  for (const file of files) {
    const command = asCommand((await import(new URL(file, dir).href)) as Record<string, unknown>, `commands/${file}`);
    if (commands.has(command.data.name))
      throw new Error(`Command loader: duplicate command name "${command.data.name}" in commands/${file}`);
    for (const { prefix } of command.components ?? []) {
      const owner = prefixes.get(prefix);
      if (owner !== undefined) throw new Error(`Command loader: custom id "${prefix}" is handled by both ${owner} and commands/${file}`);
      prefixes.set(prefix, `commands/${file}`);
    }
    commands.set(command.data.name, command);
  }
  return commands;
}
