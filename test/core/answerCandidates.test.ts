import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/analyzeQuestion.ts';
import { answerCandidates } from '../../src/answer/candidates.ts';
import { analyzeSentence } from '../../src/text/tokens.ts';

/** The candidate phrases of a sentence for a question, as text. */
const candidates = (sentence: string, question: string) =>
  answerCandidates(analyzeSentence(sentence), analyzeQuestion(question)).map((candidate) => candidate.text);

describe('candidate phrases for a short answer', () => {
  it('keeps a list whole, articles and all', () => {
    const iran =
      "Iran's Minister asked Turkey to pursue the multilateral treaty between the countries of Iran, Turkey, Azerbaijan and Russia.";
    expect(candidates(iran, 'Which countries are part of the multilateral treaty?')).toContain('Iran, Turkey, Azerbaijan and Russia');
    const markets = 'Portugal may benefit by joining the markets of the CIS and the Middle East through Azerbaijan.';
    expect(candidates(markets, 'Which markets could Portugal join?')).toContain('CIS and the Middle East');
    const officials = 'The delegation held bilateral meetings with officials of USA, UK, Japan, Brazil, Germany, Russia, and others.';
    expect(candidates(officials, 'With officials of which countries did the delegation meet?')).toContain(
      'USA, UK, Japan, Brazil, Germany, Russia, and others',
    );
  });

  it('keeps of-phrases and hyphenated names whole', () => {
    expect(
      candidates('The 1997 Treaty of Amsterdam amended the earlier treaties.', 'Which treaty amended the earlier treaties?'),
    ).toContain('1997 Treaty of Amsterdam');
    const cable = 'Allahverdiyev spoke about the construction of the Trans-Caspian Fiber Optic Cable, which will link the two countries.';
    const found = candidates(cable, 'What cable will link the two countries?');
    expect(found).toContain('Trans-Caspian Fiber Optic Cable');
    expect(found).not.toContain('Caspian Fiber Optic Cable');
    expect(candidates('The e-Government Agency was created at the Ministry.', 'What was created at the Ministry?')).toContain(
      'e-Government Agency',
    );
  });

  it('leaves out phrases that only repeat the question, and the question’s own person', () => {
    const found = candidates('Jerome Wiesner hired Paul Gray as his assistant.', 'Who did Wiesner hire?');
    expect(found).toContain('Paul Gray');
    expect(found).not.toContain('Jerome Wiesner');
  });

  it('offers measures with their unit and the year alone', () => {
    expect(candidates('The thunder could be heard 15 miles away.', 'How far away could the thunder be heard?')).toContain('15 miles away');
    expect(candidates('Tesla died on 7 January 1943 in New York.', 'What year did Tesla die?')).toEqual(['1943']);
  });

  it('offers the reason a sentence gives', () => {
    const sanctions = 'Iran faced a lot of problems due to its limited cooperation with a number of foreign Internet companies.';
    expect(candidates(sanctions, 'Why did Iran face problems?')).toContain(
      'its limited cooperation with a number of foreign Internet companies',
    );
  });

  it('finds nothing in an empty sentence or one word', () => {
    expect(candidates('', 'Who met the minister?')).toEqual([]);
    expect(candidates('Hello', 'Who met the minister?')).toEqual([]);
  });
});
