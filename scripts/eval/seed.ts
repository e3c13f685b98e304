import { Engine } from '../../src/index.ts';
import { expectedCalibrationError, type Prediction } from './calibration.ts';
import { evalArgs, fixed, readJsonLines } from './common.ts';

/** A set of a few dozen questions is binned coarsely, as the documentation sets are. */
const SMALL_SET_BINS = 5;

interface SeedQuestion {
  id: string;
  question: string;
  expect: string[];
  doc: string | null;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();

/**
 * Questions over a small corpus (the shipped one by default). For an answerable question (`doc` set), the
 * quote is right when the engine answers from the expected document and its quote or short answer holds one
 * of the expected strings, and the short answer is right when it holds one itself; an unanswerable one
 * (`doc` null) is right when the engine abstains. `--quiet` prints the summary alone.
 */
export async function evalSeed(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args, { corpus: { type: 'string' }, quiet: { type: 'boolean' } });
  const engine = await Engine.fromFolder(values.corpus ?? 'corpus', JSON.parse(values.options ?? '{}'));
  const questions = readJsonLines<SeedQuestion>(path);
  let quotes = 0;
  let spans = 0;
  let abstained = 0;
  const calibration: Prediction[] = [];
  for (const question of questions) {
    const answer = engine.answer(question.question);
    const expected = question.expect.map(fold);
    const holds = (text: string | null) => text !== null && expected.some((e) => fold(text).includes(e));
    const fromDoc = answer.answered && question.doc !== null && (answer.source?.doc.startsWith(question.doc) ?? false);
    const quoteOk = fromDoc && (holds(answer.answer) || holds(answer.quote));
    const spanOk = fromDoc && holds(answer.answer);
    const ok = question.doc === null ? !answer.answered : quoteOk;
    quotes += quoteOk ? 1 : 0;
    spans += spanOk ? 1 : 0;
    abstained += question.doc === null && !answer.answered ? 1 : 0;
    if (answer.answered) calibration.push({ confidence: answer.confidence, right: quoteOk });
    if (values.quiet) continue;
    const shown = answer.answered
      ? `${answer.answer ?? '(no short answer)'} | ${answer.source?.doc} | ${answer.quote?.slice(0, 90)}`
      : 'abstained';
    process.stdout.write(
      `${ok ? 'ok  ' : 'MISS'} ${spanOk || question.doc === null ? '    ' : 'span'} ${question.id} ${question.question}\n     → ${shown} (confidence ${fixed(answer.confidence, 2)})\n`,
    );
  }
  const answerable = questions.filter((q) => q.doc !== null).length;
  const unanswerable = questions.length - answerable;
  process.stdout.write(
    `seed: quote right ${quotes}/${answerable} answerable; short answer right ${spans}/${answerable}; abstained on ${abstained}/${unanswerable} unanswerable; quote confidence ECE ${fixed(expectedCalibrationError(calibration, SMALL_SET_BINS))} over ${calibration.length} answered\n`,
  );
}
