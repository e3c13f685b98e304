import { type DocumentInput, Engine } from '../../src/index.ts';
import { evalArgs, fixed, readJsonLines } from './common.ts';

interface WikiQaQuestion {
  qid: string;
  question: string;
  title: string;
  sentences: string[];
  labels: number[];
}

/**
 * Answer-sentence selection, the standard WikiQA protocol: each question's candidate sentences form one
 * document (the page title as its headline, one candidate per paragraph); the engine ranks that document's
 * sentences (`doc` restriction); MAP and MRR are computed over the candidates. A candidate takes the rank of
 * its best sentence; candidates the engine does not rank keep their original order after the ranked ones.
 */
export async function evalWikiqa(path: string, args: string[]): Promise<void> {
  const values = evalArgs(args);
  const questions = readJsonLines<WikiQaQuestion>(path);
  const inputs: DocumentInput[] = [];
  const candidateStarts = new Map<string, number[]>();
  for (const question of questions) {
    let text = `${question.title.replace(/\s+/g, ' ')}\n\n`;
    const starts: number[] = [];
    for (const sentence of question.sentences) {
      starts.push(text.length);
      text += `${sentence.replace(/\s+/g, ' ').trim()}\n\n`;
    }
    inputs.push({ id: question.qid, text });
    candidateStarts.set(question.qid, starts);
  }
  const engine = Engine.fromDocuments(inputs, JSON.parse(values.options ?? '{}'));
  let mapSum = 0;
  let mrrSum = 0;
  for (const question of questions) {
    const starts = candidateStarts.get(question.qid)!;
    const ranked = engine.rankSentences(question.question, { doc: question.qid, top: 10_000 });
    const order: number[] = [];
    for (const sentence of ranked) {
      const candidate = starts.findLastIndex((start) => start <= sentence.start);
      if (candidate >= 0 && !order.includes(candidate)) order.push(candidate);
    }
    question.sentences.forEach((_, i) => {
      if (!order.includes(i)) order.push(i);
    });
    const relevant = question.labels.reduce((sum, label) => sum + label, 0);
    let found = 0;
    let precisionSum = 0;
    let reciprocal = 0;
    order.forEach((candidate, rank) => {
      if (question.labels[candidate] !== 1) return;
      found += 1;
      precisionSum += found / (rank + 1);
      if (reciprocal === 0) reciprocal = 1 / (rank + 1);
    });
    mapSum += relevant > 0 ? precisionSum / relevant : 0;
    mrrSum += reciprocal;
  }
  process.stdout.write(
    `wikiqa: ${questions.length} questions  MAP ${fixed(mapSum / questions.length)}  MRR ${fixed(mrrSum / questions.length)}\n`,
  );
}
