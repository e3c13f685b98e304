import type { BotConfig } from '../runtime/config.ts';

/** Discord's own REST base, used when DISCORD_API_URL is not set. */
export const discordApi = 'https://discord.com/api';

/** Discord lets one identify per max_concurrency bucket every 5 s; discord.js spawns shards 5.5 s apart by default. */
const identifyIntervalMs = 5_500;

/** How many shards there are, which of them this machine runs, and how far apart to start them. */
export interface ShardPlan {
  count: number;
  /** The shards to run here: every one of `count`, or this machine's share (DISCORD_SHARDS of DISCORD_SHARD_COUNT). */
  ids: readonly number[];
  /** Wait between spawning shards: 5.5 s divided by the identifies Discord allows at once (`max_concurrency`). */
  spawnDelayMs: number;
  /** Where the count came from, for the log. */
  source: 'config' | 'gateway';
}

/** Sharding cannot start: the gateway did not say how many shards to run. The message names the URL and the reason. */
export class ShardCountError extends Error {
  override readonly name = 'ShardCountError';
}

/** For the log: which shards this machine runs, when it runs only some of them. */
export function partOf(plan: ShardPlan): { runs?: readonly number[] } {
  return plan.ids.length < plan.count ? { runs: plan.ids } : {};
}

interface GatewayBot {
  shards?: unknown;
  session_start_limit?: { max_concurrency?: unknown };
}

/**
 * The shard count from DISCORD_SHARD_COUNT or DISCORD_SHARDS, or from `GET /gateway/bot` on the configured API
 * base when it is `auto`, and the shards this machine runs (all of them unless DISCORD_SHARDS lists some). discord.js's `totalShards: 'auto'` always asks discord.com, which a bot behind a REST proxy (or a
 * test server) must not. `fetch` is injectable so tests need no network.
 *
 * @example await planShards({ ...config, shards: 'auto' }) // → { count: 2, ids: [0, 1], spawnDelayMs: 2750, source: 'gateway' }
 */
export async function planShards(
  config: Pick<BotConfig, 'token' | 'apiUrl' | 'shards'> & Partial<Pick<BotConfig, 'shardIds'>>,
  fetchFn: typeof fetch = fetch,
): Promise<ShardPlan> {
  const url = `${config.apiUrl ?? discordApi}/v10/gateway/bot`;
  let gateway: GatewayBot | undefined;
  let failure = '';
  try {
    const response = await fetchFn(url, { headers: { Authorization: `Bot ${config.token}` }, signal: AbortSignal.timeout(10_000) });
    if (response.ok) gateway = (await response.json()) as GatewayBot;
    else failure = `HTTP ${response.status}`;
  } catch (error) {
    failure = (error as Error).message;
  }
  const concurrency = Number(gateway?.session_start_limit?.max_concurrency);
  const spawnDelayMs = Number.isInteger(concurrency) && concurrency > 0 ? Math.ceil(identifyIntervalMs / concurrency) : identifyIntervalMs;
  const idsOf = (count: number) => config.shardIds ?? Array.from({ length: count }, (_, id) => id);
  if (config.shards !== 'auto') return { count: config.shards, ids: idsOf(config.shards), spawnDelayMs, source: 'config' };
  const count = Number(gateway?.shards);
  if (!Number.isInteger(count) || count < 1) {
    throw new ShardCountError(
      `Sharding: GET ${url} gave no shard count (${failure || `shards = ${String(gateway?.shards)}`}); set DISCORD_SHARDS to a number`,
    );
  }
  return { count, ids: idsOf(count), spawnDelayMs, source: 'gateway' };
}
