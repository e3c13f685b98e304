import { defaultGuildSettings, type GuildSettings } from '../storage/guildSettings.ts';
import type { BotDeps } from './deps.ts';
import type { RateDecision } from './rateLimit.ts';

/** The settings in force where an interaction or message came from: the server's, or the defaults (DMs, no store). */
export async function settingsFor(deps: Pick<BotDeps, 'store'>, guildId: string | null): Promise<GuildSettings> {
  return deps.store && guildId !== null ? deps.store.settings.get(guildId) : defaultGuildSettings;
}

const limitKey = (guildId: string | null, userId: string) => `${guildId ?? 'dm'}:${userId}`;

/** Counts a question against the member's limit in that server (its own setting, else the bot's), keyed per server. */
export async function takeQuestion(
  deps: Pick<BotDeps, 'store' | 'limiter'>,
  guildId: string | null,
  userId: string,
): Promise<RateDecision> {
  return deps.limiter.take(limitKey(guildId, userId), (await settingsFor(deps, guildId)).rateLimit ?? undefined);
}

/** Whether a refused member is to be told in public (once per window; see RateLimiter.firstRefusal). */
export function tellRefusal(deps: Pick<BotDeps, 'limiter'>, guildId: string | null, userId: string, retryAfterMs: number): boolean {
  return deps.limiter.firstRefusal(limitKey(guildId, userId), retryAfterMs);
}
