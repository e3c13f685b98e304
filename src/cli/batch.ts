import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConversationWindow, type ConversationWindowOptions } from '../conversation/conversationWindow.ts';
import type { Engine } from '../engine.ts';
import { InvalidQuestionError } from '../errors.ts';
import type { CliIo } from './cliIo.ts';
import { UsageError } from './commandLine.ts';
import { answerJson } from './formatAnswer.ts';
import { jsonLine } from './terminalText.ts';

export const batchDefaults = {
  /** Conversations a batch remembers for `"after"`: past it, the least recently continued is forgotten. */
  conversations: { maxConversations: 1000, maxIdleMs: 30 * 60_000 } satisfies ConversationWindowOptions,
  /** Deepest nesting an `id` or `after` may have: any JSON value is echoed back, but not a 5,000-deep one. */
  maxIdDepth: 16,
  /** Longest `id` or `after`, as JSON, in characters. */
  maxIdChars: 1000,
} as const;

/** What `"after"` tells a user whose conversation was never there or has been forgotten. */
const FORGOTTEN = `a batch remembers the last ${batchDefaults.conversations.maxConversations} conversations, each for ${batchDefaults.conversations.maxIdleMs / 60_000} minutes after its last line`;

/**
 * One JSON answer per input line, same order; a bad line gets an error object, never a crash, and the batch
 * goes on. A line with `"after": ID` is a follow-up to the last earlier line with that id, in that line's
 * conversation, while the conversation is remembered (`batchDefaults.conversations`).
 */
export async function answerBatch(
  engine: Engine,
  source: string,
  io: Pick<CliIo, 'stdin' | 'stdout'>,
  conversations: ConversationWindowOptions = batchDefaults.conversations,
): Promise<void> {
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
  const window = new ConversationWindow(conversations);
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // An editor's UTF-8 byte-order mark belongs to the file, not to the first request.
    const request = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (request.trim() === '') continue;
    io.stdout.write(jsonLine(await answerBatchLine(engine, request, lineNumber, window)));
  }
}

async function answerBatchLine(
  engine: Engine,
  line: string,
  lineNumber: number,
  window: ConversationWindow,
): Promise<Record<string, unknown>> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNumber}: not valid JSON` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return { id: null, error: `line ${lineNumber}: expected a JSON object` };
  const { id: rawId = null, question, doc, top, after } = request as Record<string, unknown>;
  const id = idKey(rawId);
  if (typeof id !== 'string') return { id: null, error: `line ${lineNumber}: "id" ${id.problem}` };
  const afterKey = after === undefined || after === null ? null : idKey(after);
  if (afterKey !== null && typeof afterKey !== 'string') return { id: rawId, error: `line ${lineNumber}: "after" ${afterKey.problem}` };
  if (typeof question !== 'string') return { id: rawId, error: `line ${lineNumber}: "question" must be a string` };
  if (doc !== undefined && doc !== null && typeof doc !== 'string')
    return { id: rawId, error: `line ${lineNumber}: "doc" must be a document id string` };
  if (top !== undefined && !(Number.isInteger(top) && (top as number) > 0))
    return { id: rawId, error: `line ${lineNumber}: "top" must be a positive integer` };
  if (typeof doc === 'string' && (await engine.fetchDocument(doc)) === undefined)
    return { id: rawId, error: `line ${lineNumber}: no document with id ${doc}` };
  const earlier = afterKey === null ? [] : window.get(afterKey);
  if (earlier === undefined)
    return { id: rawId, error: `line ${lineNumber}: "after" names no earlier answered line (id ${afterKey}); ${FORGOTTEN}` };
  try {
    const answer = await engine.ask(question, { doc: doc ?? undefined, top: top as number | undefined, after: earlier });
    if (rawId !== null) window.set(id, [...earlier, { question, answer }]);
    return { id: rawId, ...answerJson(answer) };
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { id: rawId, error: error.message };
    throw error;
  }
}

/**
 * An id (any JSON value) as the key its conversation is kept under (its JSON), or why it is refused: nested
 * deeper than `maxIdDepth` or longer than `maxIdChars`. Depth is measured without recursion, so a 5,000-deep
 * array is refused instead of overflowing the stack when echoed.
 */
function idKey(value: unknown): string | { problem: string } {
  const { maxIdDepth, maxIdChars } = batchDefaults;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop()!;
    if (depth > maxIdDepth) return { problem: `is nested more than ${maxIdDepth} levels deep; use a string or a number` };
    // Each value takes at least one character of JSON, so this many cannot fit.
    if (++nodes > maxIdChars) return { problem: `is longer than ${maxIdChars} characters as JSON; use a shorter one` };
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) stack.push({ value: child, depth: depth + 1 });
  }
  const key = JSON.stringify(value);
  if (key.length > maxIdChars) return { problem: `is longer than ${maxIdChars} characters as JSON; use a shorter one` };
  return key;
}
