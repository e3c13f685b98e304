/**
 * A burst of forum posts in a help channel, and /ask in another channel meanwhile (a script, not a timed
 * test: figures vary by machine). The bot is the real discord.js client against the local Discord of
 * testbed/discord on 127.0.0.1, with a real SQLite file in a temporary DATA_DIR.
 *
 *   npx tsx scripts/benchHelpBurst.ts [--corpus DIR] [--questions FILE.jsonl] [--posts 50] [--spread 60]
 *                                     [--ask-every 500] [--latency 0]
 *
 * `--posts` forum posts arrive evenly over `--spread` seconds (0: all at once), each from its own member,
 * titled with the questions of FILE.jsonl (a `question` per line, as in the eval sets' docs projects) or a
 * few questions about the shipped corpus. A member runs /ask in the main channel every `--ask-every` ms until
 * every post is answered. `--latency` holds each REST response back, like Discord over a network. Printed:
 * posts answered (and that each got one reply), the time from a post to its first reply, /ask's latency from
 * dispatch to its reply reaching the local Discord (and how many within Discord's 3 s), and the event loop's
 * delay in this process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/bot/storage/sqliteStore.ts';
import { Engine } from '../src/engine.ts';
import { humanUser, ids } from '../testbed/discord/fixtures.ts';
import { startBot } from '../testbed/discord/harness.ts';
import { callbackOf, createForumPost, sendCommand } from '../testbed/discord/interactions.ts';
import { FakeDiscord } from '../testbed/discord/server.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'corpus' },
    questions: { type: 'string' },
    posts: { type: 'string', default: '50' },
    spread: { type: 'string', default: '60' },
    'ask-every': { type: 'string', default: '500' },
    latency: { type: 'string', default: '0' },
  },
});
const posts = Number(values.posts);
const spreadMs = Number(values.spread) * 1000;
const askEveryMs = Number(values['ask-every']);
const latencyMs = Number(values.latency);

const titles = values.questions
  ? readFileSync(values.questions, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { question: string }).question)
  : [
      "Who met Portugal's minister?",
      'Who is the chairman of AzerTelecom?',
      'What is AzerTelecom?',
      'What is the boiling point of liquid nitrogen?',
    ];
if (titles.length === 0) throw new Error(`benchHelpBurst: no questions in ${values.questions}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

const engine = await Engine.fromFolder(values.corpus);
const scratch = mkdtempSync(join(tmpdir(), 'corpus-qa-burst-'));
const { store } = openSqliteStore(join(scratch, 'data'), { retentionDays: 90 });
const fake = await new FakeDiscord({ latencyMs }).start();
const running = await startBot({ engine, store, fake });
try {
  const setUp = sendCommand(fake, 'settings', [
    {
      name: 'help-channel',
      type: 1,
      options: [
        { name: 'channel', type: 7, value: ids.forum },
        { name: 'on', type: 5, value: true },
      ],
    },
  ]);
  await callbackOf(fake, setUp);

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const postedAt = new Map<string, number>();
  const firstReply = new Map<string, number>();
  const askLatencies: number[] = [];
  let posting = true;

  // The posts, evenly over the spread; each post's first reply is awaited as it arrives at the local Discord.
  const burst = (async () => {
    const waits: Promise<void>[] = [];
    for (let i = 0; i < posts; i++) {
      const due = (spreadMs * i) / posts;
      const wait = due - (performance.now() - started);
      if (wait > 0) await sleep(wait);
      const { thread } = createForumPost(fake, {
        title: titles[i % titles.length]!.slice(0, 100),
        author: humanUser(`45${String(i).padStart(16, '0')}`),
      });
      postedAt.set(thread.id, performance.now());
      waits.push(
        fake
          .waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${thread.id}/messages`, 600_000)
          .then(() => void firstReply.set(thread.id, performance.now())),
      );
    }
    await Promise.all(waits);
    posting = false;
  })();

  // /ask in the main channel, every so often, until every post has its reply.
  const asking = (async () => {
    for (let n = 0; posting; n++) {
      const sent = sendCommand(
        fake,
        'ask',
        [{ name: 'question', type: 3, value: "who met Portugal's minister?" }],
        humanUser(`46${String(n).padStart(16, '0')}`),
      );
      const t = performance.now();
      await callbackOf(fake, sent, 60_000);
      askLatencies.push(performance.now() - t);
      await sleep(askEveryMs);
    }
  })();

  await Promise.all([burst, asking]);
  await running.bot.helpDesk.idle();
  delay.disable();
  const elapsed = performance.now() - started;

  const replies = [...postedAt.keys()].map(
    (thread) => fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${thread}/messages`).length,
  );
  const toReply = [...postedAt].map(([thread, at]) => firstReply.get(thread)! - at).sort((a, b) => a - b);
  const asks = [...askLatencies].sort((a, b) => a - b);
  const outcomes = await Promise.all([...postedAt.keys()].map(async (thread) => (await store.helpPosts.get(thread))?.outcome ?? 'none'));
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;

  console.log(
    `corpus ${values.corpus} (${engine.documents.length} documents); ${posts} posts over ${spreadMs / 1000} s; REST latency ${latencyMs} ms; /ask every ${askEveryMs} ms`,
  );
  console.log(
    `posts answered: ${replies.filter((n) => n > 0).length} of ${posts}, ${replies.every((n) => n === 1) ? 'each with one reply' : `replies per post ${replies.join(',')}`} (${count('answered')} cited answers, ${count('not_covered')} not covered), all done in ${(elapsed / 1000).toFixed(1)} s`,
  );
  console.log(
    `post to first reply:  p50 ${ms(percentile(toReply, 0.5))}  p90 ${ms(percentile(toReply, 0.9))}  max ${ms(toReply.at(-1) ?? Number.NaN)}`,
  );
  console.log(
    `/ask meanwhile:       p50 ${ms(percentile(asks, 0.5))}  p99 ${ms(percentile(asks, 0.99))}  max ${ms(asks.at(-1) ?? Number.NaN)}  (${asks.filter((t) => t < 3000).length} of ${asks.length} within 3 s)`,
  );
  console.log(
    `event loop delay:     p50 ${ms(delay.percentile(50) / 1e6)}  p99 ${ms(delay.percentile(99) / 1e6)}  max ${ms(delay.max / 1e6)}`,
  );
} finally {
  await running.stop();
  await fake.stop();
  store.close();
  rmSync(scratch, { recursive: true, force: true });
}
