import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Answer, Engine, type EngineOptionsInput } from '../../src/index.ts';
import { evalArgs, readJsonLines } from './common.ts';
import { type DocsQuestion, docsScore, formatDocsScore, scoreDocsAnswer } from './docsScore.ts';

/**
 * Technical-documentation questions asked the way members ask in a help channel (`<project>/questions.jsonl`)
 * over that project's pages (`<project>/corpus/`), scored as the data set's own scorer (`score.py`) scores
 * the CLI's batch output: the quote holds an expected phrase (≤ 1,200 characters), top-3, right page,
 * abstentions, and the calibration of the quote confidence over answered questions (5 bins).
 * `--dump FILE` writes each question's result as a JSON line.
 */
export async function evalDocs(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, { dump: { type: 'string' }, quiet: { type: 'boolean' } });
  const options = JSON.parse(values.options ?? '{}') as EngineOptionsInput;
  const engine = await Engine.fromFolder(join(path, 'corpus'), options);
  const questions = readJsonLines<DocsQuestion>(join(path, 'questions.jsonl'));
  const results = questions.map((question) => {
    const answer = engine.answer(question.question);
    return { question, answer, score: scoreDocsAnswer(question, answer) };
  });
  if (values.dump)
    writeFileSync(
      values.dump,
      `${results.map(({ question, answer, score }) => JSON.stringify(dumpLine(question, answer, score))).join('\n')}\n`,
    );
  const score = docsScore(results.map((result) => ({ question: result.question, answer: result.answer, score: result.score })));
  process.stdout.write(`${formatDocsScore(path, score, { misses: !values.quiet })}\n`);
}

function dumpLine(question: DocsQuestion, answer: Answer, score: ReturnType<typeof scoreDocsAnswer>) {
  return {
    id: question.id,
    kind: question.kind,
    question: question.question,
    expect: question.expect,
    doc: question.doc,
    answered: answer.answered,
    quoteRight: score.quoteRight,
    top3: score.top3,
    confidence: answer.confidence,
    answer: answer.answer,
    cited: answer.source?.doc ?? null,
    quote: answer.quote,
    sentences: answer.sentences.map((sentence) => `${sentence.doc}: ${sentence.text}`),
  };
}
