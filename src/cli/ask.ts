import { isEntryPoint } from '../entryPoint.ts';
import { InvalidQuestionError } from '../errors.ts';
import { defaultOptions } from '../options.ts';
import { answerBatch } from './batch.ts';
import { chat } from './chat.ts';
import { type CliIo, runCli } from './cliIo.ts';
import { defineCommand, helpText, parseCommand, UsageError } from './commandLine.ts';
import { answerJson, formatAnswerText } from './formatAnswer.ts';
import { CORPUS_OPTIONS, openEngineForCli } from './loadEngine.ts';
import { jsonLine } from './terminalText.ts';

export const askCommand = defineCommand({
  run: 'npm run ask --',
  usage: ['"QUESTION" [--json] [--top N] [--doc ID] [options]', '--batch FILE|- [options]'],
  summary: [
    'Answers a question from the documents in a folder: the short answer when it is likely right, the sentence',
    'it comes from (quoted verbatim), its source and how sure it is, in words. With no question on a terminal,',
    'it starts a chat (npm run chat).',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'print one JSON object: answer, quote, source, confidences, ranked sentences' },
    top: {
      type: 'string',
      value: 'N',
      description: 'how many ranked sentences --json lists',
      defaultText: String(defaultOptions.topSentences),
    },
    doc: { type: 'string', value: 'ID', description: 'answer from this document only (its path without extension)' },
    batch: {
      type: 'string',
      value: 'FILE|-',
      description: 'one JSON request per line of FILE (- reads standard input), one JSON answer per line',
    },
    ...CORPUS_OPTIONS,
  },
  examples: [`npm run ask -- "who met Portugal's minister?"`, `npm run -s ask -- "What is AzerTelecom?" --json | jq .answer`],
});

/** `npm run ask`: prints the answer to one question, or one JSON answer per line of a batch. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(askCommand, argv);
  if (values.help) {
    io.stdout.write(helpText(askCommand));
    return 0;
  }
  const top = values.top === undefined ? undefined : parseTop(values.top);
  if (values.batch !== undefined) {
    if (positionals.length > 0) throw new UsageError('--batch takes no question argument: each line of the batch holds its own');
    const { engine, close } = await openEngineForCli(values, io);
    try {
      await answerBatch(engine, values.batch, io);
    } finally {
      await close();
    }
    return 0;
  }
  if (positionals.length === 0 && io.stdin.isTTY && !values.json) return chat(values, io);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'no question given: npm run ask -- "QUESTION", or npm run chat to ask one after another'
        : 'give the question as one quoted argument: npm run ask -- "QUESTION"',
    );
  }
  const { engine, close } = await openEngineForCli(values, io);
  try {
    // As a batch line says, rather than answering "not in the corpus" from no document at all.
    if (values.doc !== undefined && (await engine.fetchDocument(values.doc)) === undefined) {
      throw new UsageError(`no document with id ${values.doc}`);
    }
    const answer = await engine.ask(positionals[0]!, { top, doc: values.doc });
    io.stdout.write(values.json ? jsonLine(answerJson(answer)) : `${formatAnswerText(answer)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidQuestionError) throw new UsageError(error.message);
    throw error;
  } finally {
    await close();
  }
}

function parseTop(value: string): number {
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive whole number, got ${value}`);
  return top;
}

if (isEntryPoint(import.meta.url)) void runCli((io) => main(process.argv.slice(2), io));
