import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/analyzeQuestion.ts';
import { ANSWER_FEATURES, QUOTE_FEATURES } from '../../src/answer/confidenceFeatures.ts';
import type { SentenceEvidence } from '../../src/answer/evidence.ts';
import { featureTable, yesNo } from '../../src/answer/featureTable.ts';
import { SPAN_FEATURES } from '../../src/answer/spanFeatures.ts';
import { Engine } from '../../src/index.ts';

/** A vector read back by its table's names, in the table's order. */
const named = (names: readonly string[], vector: readonly number[]) => Object.fromEntries(names.map((name, i) => [name, vector[i]]));

describe('the quote and answer feature tables', () => {
  it('give each feature its own value at its own name, scaled as the table says', () => {
    const analysis = analyzeQuestion("who met Portugal's minister?");
    expect(analysis.terms).toEqual(['meet', 'portug', 'minist']);
    const sentence = {
      coverage: 0.8,
      proximity: 0.25,
      order: 0.5,
      passage: 0.75,
      position: 0.4,
      answerType: 1,
      heading: 0.2,
      prose: 1,
      faq: 0,
    };
    const vector = QUOTE_FEATURES.vector({ sentence, margin: 0.5, analysis, held: 0.9, layout: true });
    expect(vector).toHaveLength(QUOTE_FEATURES.names.length);
    expect(named(QUOTE_FEATURES.names, vector)).toEqual({
      bias: 1,
      coverage: 0.8,
      proximity: 0.25,
      order: 0.5,
      passage: 0.75,
      position: 0.4,
      answerType: 1,
      coveredMargin: 0.4,
      questionTerms: 0.3,
      heldTerms: 0.9,
      layout: 1,
      layoutCoverage: 0.8,
      layoutHeld: 0.9,
      layoutMargin: 0.5,
      heading: 0.2,
      passageQuestion: 0,
    });
  });

  it('count a lead over other documents up to 1 and question terms up to 10', () => {
    const long = analyzeQuestion(
      'Which ministers of Azerbaijan, Turkey, Iran, Russia, Kazakhstan, Georgia and Armenia signed the multilateral treaty in Baku in 2019 with the operators?',
    );
    expect(long.terms).toHaveLength(14);
    const sentence = { coverage: 0.8, proximity: 0, order: 0, passage: 0, position: 0, answerType: 0, heading: 0, prose: 1, faq: 0 };
    const vector = QUOTE_FEATURES.vector({ sentence, margin: 3, analysis: long, held: 1, layout: false });
    expect(QUOTE_FEATURES.value(vector, 'coveredMargin')).toBe(0.8);
    expect(QUOTE_FEATURES.value(vector, 'questionTerms')).toBe(1);
  });

  it('read the span model’s lead up to its cap and probabilities as log-odds', () => {
    const analysis = analyzeQuestion('Which company did the minister visit?');
    const vector = ANSWER_FEATURES.vector({ quote: 0.5, span: { probability: 0.75, margin: 2, kind: 'list', fit: 0.5 }, analysis });
    expect(vector).toHaveLength(ANSWER_FEATURES.names.length);
    expect(named(ANSWER_FEATURES.names, vector)).toEqual({
      bias: 1,
      quoteLogit: 0,
      spanLogit: Math.log(3),
      spanMargin: 0.4,
      typeFit: 0.5,
      expectsThing: 0,
      expectsName: 1,
      expectsNumber: 0,
      kindClause: 0,
      kindNoun: 1,
    });
    const unrivalled = ANSWER_FEATURES.vector({ quote: 1, span: { probability: 1, margin: 12, kind: 'clause', fit: 0 }, analysis });
    expect(ANSWER_FEATURES.value(unrivalled, 'spanMargin')).toBe(1);
    expect(ANSWER_FEATURES.value(unrivalled, 'kindClause')).toBe(1);
  });

  it('refuse a table that names a feature twice', () => {
    expect(() =>
      featureTable<number>()('test', [
        { name: 'big', measure: (x) => x > 1, scale: yesNo() },
        { name: 'big', measure: (x) => x > 2, scale: yesNo() },
      ]),
    ).toThrow('corpus-qa: the test model\'s feature "big" is defined twice');
  });
});

describe('the span feature table, on the shipped corpus', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.fromFolder('corpus');
  });
  const candidate = (evidence: SentenceEvidence | undefined, text: string) => {
    const found = evidence?.candidates.find((c) => c.candidate.text === text);
    if (!found) throw new Error(`no candidate ${text}`);
    return named(SPAN_FEATURES.names, found.features);
  };

  it("marks the minister the question names as the other party, and answers who met Portugal's minister with the one he met", () => {
    const [best] = engine.evidence("who met Portugal's minister?");
    for (const c of best!.candidates) expect(c.features).toHaveLength(SPAN_FEATURES.names.length);
    expect(candidate(best, 'Paulo Portas')).toMatchObject({
      bias: 1,
      typeFit: 1,
      'kind:name': 1,
      'kind:noun': 0,
      length: Math.log1p(2) / 3,
      long: 0,
      sharedOther: 2 / 3,
      sharedCopular: 0,
      nearest: 1,
      otherParty: 1,
    });
    expect(candidate(best, 'Ali Abbasov')).toMatchObject({ typeFit: 1, 'kind:name': 1, sharedOther: 1 / 3, nearest: 0, otherParty: 0 });
    expect(candidate(best, 'Azerbaijan')).toMatchObject({ 'kind:noun': 1, 'after:of': 1, 'tagBefore:ADP': 1, nameTail: 1 });
    expect(best!.span?.candidate.text).toBe('Ali Abbasov');
  });

  it('gives a title standing for its holder the share of the question it holds, and answers with the holder', () => {
    const [best] = engine.evidence("Who is Iran's Minister of Information and Communication Technology?");
    const holder = best!.candidates.find((c) => c.candidate.referent === 'title')!;
    expect(named(SPAN_FEATURES.names, holder.features)).toMatchObject({ titleReferent: 1, pronounReferent: 0, headMatch: 1, long: 1 });
    expect(best!.span?.candidate.text).toBe('Azari Jahromi');
  });
});
