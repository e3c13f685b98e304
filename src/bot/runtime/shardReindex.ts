import type { Client } from 'discord.js';
import type { ReindexOutcome } from './deps.ts';

/** The client property another shard's broadcastEval reaches this process's reindex through. */
interface ReindexableClient {
  corpusReindex?: () => Promise<ReindexOutcome>;
}

/**
 * Lets the other shards trigger this process's reindex. discord.js's broadcastEval runs a function in every
 * shard with only the client in reach, so the reindex is hung on the client.
 */
export function exposeReindex(client: Client, reindex: () => Promise<ReindexOutcome>): void {
  (client as unknown as ReindexableClient).corpusReindex = reindex;
}

/**
 * Reindexes the corpus in every shard's process when the bot runs under the ShardingManager (each shard has
 * its own engine, so reloading one would leave the others answering from the old index), else in this one.
 * Answers with this shard's report and the number of shards reindexed; any shard failing fails the whole.
 */
export async function reindexEveryShard(client: Client, reindex: () => Promise<ReindexOutcome>): Promise<ReindexOutcome> {
  const shard = client.shard;
  if (!shard || shard.count <= 1) return reindex();
  const outcomes = (await shard.broadcastEval((c) => {
    const run = (c as unknown as ReindexableClient).corpusReindex;
    if (!run) throw new Error('this shard cannot reindex');
    return run();
  })) as ReindexOutcome[];
  const own = outcomes[shard.ids[0] ?? 0] ?? outcomes[0]!;
  return { ...own, shards: outcomes.length };
}
