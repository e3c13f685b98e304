import { Engine } from '../../src/index.ts';
import { evalArgs, fixed, readJsonLines } from './common.ts';

interface SeedQuestion {
  id: string;
  question: string;
  expect: string[];
  doc: string | null;
}

/**
 * A question counts as right when the engine answers from the expected document and its short answer or
 * quote holds one of the expected strings; an unanswerable one (doc null) counts as right when it abstains.
 */
export async function evalSeed(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, { corpus: { type: 'string' } });
  const engine = await Engine.fromFolder(values.corpus ?? 'corpus', JSON.parse(values.options ?? '{}'));
  const questions = readJsonLines<SeedQuestion>(path);
  let right = 0;
  let spans = 0;
  for (const question of questions) {
    const answer = engine.answer(question.question);
    const fold = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
    const expected = question.expect.map(fold);
    const holds = (text: string | null) => text !== null && expected.some((e) => fold(text).includes(e));
    const ok =
      question.doc === null
        ? !answer.answered
        : answer.answered && (answer.source?.doc.startsWith(question.doc) ?? false) && (holds(answer.answer) || holds(answer.quote));
    const spanOk = question.doc !== null && holds(answer.answer);
    right += ok ? 1 : 0;
    spans += spanOk ? 1 : 0;
    process.stdout.write(
      `${ok ? 'ok  ' : 'MISS'} ${question.id} ${question.question}\n     → ${answer.answered ? `${answer.answer ?? '(no span)'} | ${answer.source?.doc} | ${answer.quote?.slice(0, 90)}` : 'abstained'} (confidence ${fixed(answer.confidence, 2)})\n`,
    );
  }
  const answerable = questions.filter((q) => q.doc !== null).length;
  process.stdout.write(
    `\nseed: ${right}/${questions.length} right; short answer holds the expected text on ${spans}/${answerable} answerable\n`,
  );
}
