import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { type Answer, Engine } from '../../src/index.ts';
import { evalArgs, fixed, percentile, readJsonLines } from './common.ts';

interface FollowUpPair {
  id: string;
  /** Asked on its own first. */
  first: string;
  /** Asked after it, with the first question and its answer as the conversation. */
  followUp: string;
  /** Any one of these, found in the follow-up's quote, counts. */
  expect: string[];
  /** Document id (or its start) the follow-up must be answered from; several when more than one says it. */
  doc: string | string[];
  /** The follow-up has nothing to do with the first question: it must be read as asked, as a new question. */
  alone?: boolean;
}

/**
 * Follow-up questions over the shipped corpus plus another folder (the BBC articles): each pair's first
 * question is answered on its own, then the follow-up with that turn as its conversation. A follow-up counts
 * when its quote, from the expected document, holds an expected string. The same follow-up asked with no
 * conversation is the baseline. A pair marked `alone` asks an unrelated question, which must be answered
 * exactly as a new question. With `--repeat N`, each follow-up and its interpretation asked on its own
 * are timed N times, interleaved, for the latency of reading a conversation.
 */
export async function evalFollowUps(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, { corpus: { type: 'string' }, repeat: { type: 'string' } });
  if (values.corpus !== undefined && !existsSync(values.corpus)) {
    process.stderr.write(`error: corpus folder ${values.corpus} not found; pass the BBC articles' folder with --corpus DIR.\n`);
    process.exit(2);
  }
  const pairs = readJsonLines<FollowUpPair>(path);
  const copies = duplicateArticles(values.corpus);
  const folder = combinedCorpus(['corpus', ...(values.corpus === undefined ? [] : [values.corpus])]);
  const started = performance.now();
  const engine = await Engine.fromFolder(folder, JSON.parse(values.options ?? '{}'));
  const buildMs = performance.now() - started;
  rmSync(folder, { recursive: true, force: true });

  const fold = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
  const fromDoc = (answer: Answer, pair: FollowUpPair) => {
    const id = basename(answer.source?.doc ?? '');
    return [pair.doc].flat().some((doc) => id.startsWith(doc) || copies.get(id) === doc);
  };
  const right = (answer: Answer, pair: FollowUpPair) =>
    answer.answered && fromDoc(answer, pair) && pair.expect.some((expected) => fold(answer.quote ?? '').includes(fold(expected)));
  let withContext = 0;
  let alone = 0;
  let asNew = 0;
  let firstFromDoc = 0;
  const conversations = pairs.map((pair) => {
    const first = engine.answer(pair.first);
    const after = { question: pair.first, answer: first };
    const followUp = engine.answer(pair.followUp, { after });
    const plain = engine.answer(pair.followUp);
    const ok = right(followUp, pair) && (!pair.alone || (followUp.interpreted === null && followUp.quote === plain.quote));
    if (pair.alone) asNew += ok ? 1 : 0;
    else {
      withContext += ok ? 1 : 0;
      alone += right(plain, pair) ? 1 : 0;
    }
    firstFromDoc += fromDoc(first, pair) ? 1 : 0;
    process.stdout.write(
      `${ok ? 'ok  ' : 'MISS'} ${pair.id} ${pair.first} → ${first.answer ?? (first.answered ? '(quote)' : 'abstained')}\n` +
        `     ${pair.followUp}${followUp.interpreted ? ` ⇒ ${followUp.interpreted}` : ''}\n` +
        `     → ${followUp.answered ? `${basename(followUp.source!.doc)} | ${followUp.quote!.replace(/\s+/g, ' ').slice(0, 110)}` : 'abstained'}\n`,
    );
    return { pair, after };
  });
  const unrelated = pairs.filter((pair) => pair.alone).length;
  const n = pairs.length - unrelated;
  process.stdout.write(
    `\nfollow-ups: ${pairs.length} pairs over ${engine.documents.length} documents (index built in ${fixed(buildMs / 1000, 1)} s)\n` +
      `  follow-ups that point back (${n}): quote holds the answer, from the right document, ${withContext}/${n} with the conversation, ${alone}/${n} asked alone\n` +
      `  unrelated questions answered exactly as new ones: ${asNew}/${unrelated}\n` +
      `  first questions answered from the pair's document: ${firstFromDoc}/${pairs.length}\n`,
  );

  const repeat = Number(values.repeat ?? 0);
  if (repeat > 0) {
    const plainMs: number[] = [];
    const followUpMs: number[] = [];
    const time = (ask: () => unknown, into: number[]) => {
      const t0 = performance.now();
      ask();
      into.push(performance.now() - t0);
    };
    for (let round = 0; round < repeat; round += 1) {
      for (const { pair, after } of conversations) {
        const interpreted = engine.answer(pair.followUp, { after }).interpreted ?? pair.followUp;
        time(() => engine.answer(interpreted), plainMs);
        time(() => engine.answer(pair.followUp, { after }), followUpMs);
      }
    }
    const line = (name: string, ms: number[]) =>
      `  ${name}: median ${fixed(percentile(ms, 50), 2)} ms, p99 ${fixed(percentile(ms, 99), 2)} ms (${ms.length} answers)\n`;
    process.stdout.write(
      `latency, ${repeat} rounds:\n${line('plain question (the interpretation asked alone)', plainMs)}${line('follow-up with its conversation      ', followUpMs)}` +
        `  p99 ratio: ${fixed(percentile(followUpMs, 99) / percentile(plainMs, 99), 2)}\n`,
    );
  }
}

/**
 * The BBC set holds 100 pairs of identical articles (listed in stats.json next to its corpus folder): an
 * answer from either copy is from the expected article. Maps each copy's id to the other's.
 */
function duplicateArticles(corpus: string | undefined): Map<string, string> {
  const stats = corpus === undefined ? '' : join(dirname(resolve(corpus)), 'stats.json');
  const copies = new Map<string, string>();
  if (!existsSync(stats)) return copies;
  const groups = (JSON.parse(readFileSync(stats, 'utf8')) as { duplicate_groups?: string[][] }).duplicate_groups ?? [];
  for (const group of groups) {
    const ids = group.map((file) => file.replace(/\.txt$/, ''));
    for (const id of ids) for (const other of ids) if (other !== id) copies.set(id, other);
  }
  return copies;
}

/**
 * A temporary folder with a copy of every file of the given folders, each folder under its own name, so one
 * engine reads them all (a corpus serves no link that points outside it).
 */
function combinedCorpus(folders: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'corpus-qa-followups-'));
  for (const folder of folders.map((name) => resolve(name))) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const source = join(entry.parentPath, entry.name);
      const target = join(root, basename(folder), relative(folder, source));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, target);
    }
  }
  return root;
}
