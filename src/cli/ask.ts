import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Turn } from '../conversation/types.ts';
import type { Engine } from '../engine.ts';
import { isEntryPoint } from '../entryPoint.ts';
import { InvalidQuestionError } from '../errors.ts';
import { type CliIo, parseCommandLine, processIo, runCli, UsageError } from './args.ts';
import { answerJson, formatAnswerText } from './formatAnswer.ts';
import { CORPUS_OPTIONS, loadEngineForCli } from './loadEngine.ts';

const USAGE =
  'usage: npm run ask -- "QUESTION" [--json] [--top N] [--doc ID] | --batch FILE|-   [--corpus DIR] [--follow-links] [--base-url URL] [--cache DIR | --no-cache]';

/** `npm run ask`: prints the answer to one question, or one JSON answer per line of a batch. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...CORPUS_OPTIONS,
    json: { type: 'boolean', default: false },
    batch: { type: 'string' },
    top: { type: 'string' },
    doc: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const top = values.top === undefined ? undefined : parseTop(values.top);
  if (values.batch !== undefined) {
    if (positionals.length > 0) throw new UsageError(`--batch takes no question argument. ${USAGE}`);
    const engine = await loadEngineForCli(values, io);
    await answerBatch(engine, values.batch, io);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? `no question given. ${USAGE}` : `give the question as one quoted argument. ${USAGE}`);
  const engine = await loadEngineForCli(values, io);
  // As a batch line says, rather than answering "not in the corpus" from no document at all.
  if (values.doc !== undefined && engine.document(values.doc) === undefined) throw new UsageError(`no document with id ${values.doc}`);
  try {
    const answer = engine.answer(positionals[0]!, { top, doc: values.doc });
    io.stdout.write(values.json ? `${JSON.stringify(answerJson(answer))}\n` : `${formatAnswerText(answer)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidQuestionError) throw new UsageError(error.message);
    throw error;
  }
}

/** How many turns of a batch conversation are kept: more than the engine reads. */
const KEPT_TURNS = 5;

/**
 * One JSON answer per input line, same order; a bad line gets an error object, never a crash. A line with
 * `"after": ID` is a follow-up to the last earlier line with that id, in that line's conversation.
 */
async function answerBatch(engine: Engine, source: string, io: CliIo): Promise<void> {
  let input: NodeJS.ReadableStream = io.stdin;
  if (source !== '-') {
    const file = createReadStream(source);
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', (error: NodeJS.ErrnoException) =>
        reject(new UsageError(`cannot read batch file ${source}: ${error.code ?? error.message}`)),
      );
    });
    input = file;
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  /** The conversation up to and including each answered line with an id, by its id as JSON. */
  const conversations = new Map<string, Turn[]>();
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // An editor's UTF-8 byte-order mark belongs to the file, not to the first request.
    const request = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (request.trim() === '') continue;
    io.stdout.write(`${JSON.stringify(answerBatchLine(engine, request, lineNumber, conversations))}\n`);
  }
}

function answerBatchLine(engine: Engine, line: string, lineNumber: number, conversations: Map<string, Turn[]>): Record<string, unknown> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNumber}: not valid JSON` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return { id: null, error: `line ${lineNumber}: expected a JSON object` };
  const { id = null, question, doc, top, after } = request as Record<string, unknown>;
  if (typeof question !== 'string') return { id, error: `line ${lineNumber}: "question" must be a string` };
  if (doc !== undefined && doc !== null && typeof doc !== 'string')
    return { id, error: `line ${lineNumber}: "doc" must be a document id string` };
  if (top !== undefined && !(Number.isInteger(top) && (top as number) > 0))
    return { id, error: `line ${lineNumber}: "top" must be a positive integer` };
  if (typeof doc === 'string' && engine.document(doc) === undefined) return { id, error: `line ${lineNumber}: no document with id ${doc}` };
  const earlier = after === undefined || after === null ? [] : conversations.get(JSON.stringify(after));
  if (earlier === undefined)
    return { id, error: `line ${lineNumber}: "after" names no earlier answered line (id ${JSON.stringify(after)})` };
  try {
    const answer = engine.answer(question, { doc: doc ?? undefined, top: top as number | undefined, after: earlier });
    if (id !== null) conversations.set(JSON.stringify(id), [...earlier, { question, answer }].slice(-KEPT_TURNS));
    return { id, ...answerJson(answer) };
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { id, error: error.message };
    throw error;
  }
}

function parseTop(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive whole number, got ${value}`);
  return top;
}

if (isEntryPoint(import.meta.url)) void runCli(() => main(process.argv.slice(2), processIo()));
