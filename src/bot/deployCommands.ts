/**
 * `npm run deploy-commands`: registers the slash commands in commands/ with Discord — in one guild
 * when DISCORD_GUILD_ID is set (instant), otherwise globally (may take up to an hour to show).
 */
import { REST, Routes } from 'discord.js';
import { isEntryPoint } from '../entryPoint.ts';
import { type BotIo, processBotIo } from './runtime/botIo.ts';
import { registration } from './runtime/command.ts';
import { configFromEnvironment } from './runtime/config.ts';
import { loadCommands } from './runtime/loadCommands.ts';
import { createLogger } from './runtime/logger.ts';

/** Registers the commands; returns the exit code. */
export async function main(io: Omit<BotIo, 'events'>): Promise<number> {
  const config = configFromEnvironment(io.env, io.stderr, { requireClientId: true });
  if (config === null) return 1;
  const logger = createLogger({ secrets: [config.token], write: (line) => io.stdout.write(`${line}\n`) });
  const body = [...(await loadCommands()).values()].map(registration);
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId!, config.guildId)
    : Routes.applicationCommands(config.clientId!);
  try {
    const registered = (await rest.put(route, { body })) as { name: string }[];
    logger.info('commands registered', {
      scope: config.guildId ? `guild ${config.guildId}` : 'global',
      commands: registered.map((c) => c.name),
    });
    return 0;
  } catch (error) {
    logger.error('could not register commands', { error });
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = await main(processBotIo());
