import { beforeAll, describe, expect, it } from 'vitest';
import { readFollowUp } from '../../src/conversation/readFollowUp.ts';
import { type Answer, Engine, InvalidQuestionError, type Turn } from '../../src/index.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const AZERTELECOM = '003_31b3e27154ee3997';
const PORTUGAL_VISIT = '001_84108df0aac265aa';
const IGF = '002_b4e39bc22c88a020';

/** Asks each question in turn, each after the ones before it, as a conversation does. */
function converse(...questions: string[]): Answer[] {
  const turns: Turn[] = [];
  return questions.map((question) => {
    const answer = engine.answer(question, { after: turns });
    turns.push({ question, answer });
    return answer;
  });
}

describe('follow-up questions read in their conversation', () => {
  it('takes "he" as the person the last answer named, and answers from that article', () => {
    const [, followUp] = converse('Who is the chairman of AzerTelecom?', 'What did he speak about?');
    expect(followUp!.question).toBe('What did he speak about?');
    expect(followUp!.interpreted).toBe('What did Fuad Allahverdiyev speak about?');
    expect(followUp!.references).toEqual([{ said: 'he', as: 'Fuad Allahverdiyev' }]);
    expect(followUp!.source?.doc).toBe(AZERTELECOM);
    expect(followUp!.quote).toContain('the Trans-Caspian Fiber Optic Cable');
  });

  it('takes "its" as the organization answered, written as a possessive', () => {
    const [, followUp] = converse('Which company connects Azerbaijan with the global Internet network?', 'Who is its chairman?');
    expect(followUp!.interpreted).toBe("Who is AzerTelecom's chairman?");
    expect(followUp!.answer).toBe('Fuad Allahverdiyev');
  });

  it('takes "it" as what a definition question asked about, not as the definition', () => {
    const [, followUp] = converse('What is AzerTelecom?', 'Which company is it a subsidiary of?');
    expect(followUp!.interpreted).toBe('Which company is AzerTelecom a subsidiary of?');
    expect(followUp!.answer).toBe('Bakcell');
  });

  it('takes "the company" as the organization, and "the cable" as the fuller name an answer used', () => {
    const [, , company, cable] = converse(
      'Who is the chairman of AzerTelecom?',
      'What did he speak about?',
      'What does the company connect Azerbaijan with?',
      'What will the cable contribute to?',
    );
    expect(company!.references).toEqual([{ said: 'the company', as: 'AzerTelecom' }]);
    expect(company!.quote).toContain('AzerTelecom connects Azerbaijan with the global Internet network');
    expect(cable!.interpreted).toBe('What will the Trans-Caspian Fiber Optic Cable contribute to?');
    expect(cable!.source?.doc).toBe(AZERTELECOM);
  });

  it('takes "there" as the place answered', () => {
    const [, followUp] = converse(
      'In which city was the 9th Internet Governance Forum held?',
      'Who headed the Azerbaijani delegation there?',
    );
    expect(followUp!.interpreted).toBe('Who headed the Azerbaijani delegation in Istanbul?');
    expect(followUp!.answer).toBe('Elmir Velizade');
  });

  it('takes "they" as the two people the conversation is about, the same person under two names counted once', () => {
    const [, , they] = converse(
      "Who met Portugal's minister?",
      'What did he inform the guest about?',
      'What did they exchange opinions on?',
    );
    expect(they!.references).toEqual([{ said: 'they', as: 'Ali Abbasov and Paulo Portas' }]);
    expect(they!.quote).toContain('A.Abbasov and P.Portas also exchanged their opinions');
  });

  it('spells out a referent once, leaving the question’s later pronouns for it as they are', () => {
    const [, followUp] = converse('Who is the chairman of AzerTelecom?', 'What did he say about his project?');
    expect(followUp!.interpreted).toBe('What did Fuad Allahverdiyev say about his project?');
  });

  it('asks the last question again about the new name in "And in …?" and "What about …?"', () => {
    const [, inAzerbaijan, kazakhstan] = converse(
      'Who did the Iranian minister meet in Turkey?',
      'And in Azerbaijan?',
      'What about Kazakhstan?',
    );
    expect(inAzerbaijan!.interpreted).toBe('Who did the Iranian minister meet in Azerbaijan?');
    expect(inAzerbaijan!.references).toEqual([{ said: 'And in Azerbaijan?', as: 'Who did the Iranian minister meet in Azerbaijan?' }]);
    expect(kazakhstan!.interpreted).toBe('Who did the Iranian minister meet in Kazakhstan?');
  });

  it('reads a pronoun from two turns back when the last turn named nothing of its kind', () => {
    const [, , third] = converse('Who is the chairman of AzerTelecom?', 'When was the business meeting held?', 'What did he mention?');
    expect(third!.references).toEqual([{ said: 'he', as: 'Fuad Allahverdiyev' }]);
  });
});

describe('questions that stand alone in a conversation', () => {
  const about = (question: string): Turn => ({ question, answer: engine.answer(question) });

  it('answers an unrelated question exactly as on its own', () => {
    for (const question of ["who met Portugal's minister?", 'Who is Paulo Portas?', 'Where was the Internet Governance Forum held?']) {
      const alone = engine.answer(question);
      expect(engine.answer(question, { after: about('Who is the chairman of AzerTelecom?') })).toEqual(alone);
      expect(alone.interpreted).toBeNull();
      expect(alone.references).toEqual([]);
    }
  });

  it('leaves a pronoun alone when the question names what it points to', () => {
    const alone = engine.answer('What did Iran promise its Turkish counterpart?');
    expect(
      engine.answer('What did Iran promise its Turkish counterpart?', { after: about('Who is the chairman of AzerTelecom?') }),
    ).toEqual(alone);
  });

  it('answers as asked when nothing earlier fits', () => {
    const answer = engine.answer('What did she say?', { after: about('When was the business meeting held?') });
    expect(answer.interpreted).toBeNull();
  });

  it('answers with an empty conversation exactly as with none', () => {
    expect(engine.answer('What did he speak about?', { after: [] })).toEqual(engine.answer('What did he speak about?'));
  });

  it('refuses an empty question in a conversation as it does alone', () => {
    expect(() => engine.answer('   ', { after: about('Who is the chairman of AzerTelecom?') })).toThrow(InvalidQuestionError);
  });

  it('reads a one-word question as asked', () => {
    expect(engine.answer('Why?', { after: about('Who is the chairman of AzerTelecom?') }).interpreted).toBeNull();
  });
});

describe('a preferred document', () => {
  it('is preferred without locking the answer to it', () => {
    const answer = engine.answer("who met Portugal's minister?", { prefer: { doc: AZERTELECOM } });
    expect(answer.source?.doc).toBe(PORTUGAL_VISIT);
    expect(answer.answer).toBe('Ali Abbasov');
  });

  it('lets the topic stand in every sentence of its article, as a title does', () => {
    // "He has also stressed…" says nothing of Velizade by name; in a conversation about him it is about him.
    const question = 'What did Elmir Velizade stress?';
    expect(engine.answer(question).quote).toContain('The delegation of Azerbaijan headed by Mr Elmir Velizade');
    const answer = engine.answer(question, { prefer: { doc: IGF, topic: 'Elmir Velizade' } });
    expect(answer.quote).toContain('He has also stressed that the development of ICT sector in Azerbaijan');
  });
});

describe('people by given name', () => {
  const essex = Engine.fromDocuments([
    {
      id: 'council-tax',
      text: 'Council tax rise reasonable\n\nFinance Minister Sue Essex said the money announced by Chancellor Gordon Brown was a good deal for local government.\n\nShe said councils should set their taxes at reasonable levels.',
    },
  ]);

  it('takes "she" as a woman even when a man was the answer, and "he" as a man', () => {
    const question = 'Who announced the money?';
    const first = essex.answer(question);
    expect(first.answer).toBe('Gordon Brown');
    const after = { question, answer: first };
    expect(essex.answer('What did she call it?', { after }).references).toEqual([{ said: 'she', as: 'Sue Essex' }]);
    expect(essex.answer('What is his job?', { after }).references).toEqual([{ said: 'his', as: 'Gordon Brown' }]);
  });

  it('leaves "she" unread when the conversation named only men', () => {
    const question = 'Who announced the money?';
    const men = Engine.fromDocuments([{ id: 'budget', text: 'Budget day\n\nChancellor Gordon Brown announced the money.' }]);
    const answer = men.answer('What did she say?', { after: { question, answer: men.answer(question) } });
    expect(answer.interpreted).toBeNull();
  });
});

describe('readFollowUp', () => {
  const turn = (question: string, answer: string | null, quote: string): Turn => ({
    question,
    answer: { answer, quote, source: { doc: 'oecd' } },
  });
  const oecd = turn(
    'What growth did the OECD forecast for the US in 2005?',
    '3.3%',
    'US growth would reach 4.4% in 2004, but fall to 3.3% next year from a previous estimate of 3.7%, the OECD said.',
  );

  it('swaps the name after the same preposition, the new name coming with its own article or none', () => {
    expect(readFollowUp('And for Japan?', [oecd]).text).toBe('What growth did the OECD forecast for Japan in 2005?');
    expect(readFollowUp('How about the IMF?', [oecd]).text).toBe('What growth did the IMF forecast for the US in 2005?');
  });

  it('adds a place to a question that named none, and prefers the last answer’s document', () => {
    const reading = readFollowUp('And in Turkey?', [turn('Who won the election?', null, 'The election was won by the Labour party.')]);
    expect(reading.text).toBe('Who won the election in Turkey?');
    expect(reading.prefer).toEqual({ doc: 'oecd' });
  });

  it('reads a full question as asked, with nothing preferred', () => {
    expect(readFollowUp('What growth did the OECD forecast for Japan in 2005?', [oecd])).toEqual({
      text: 'What growth did the OECD forecast for Japan in 2005?',
      references: [],
      prefer: undefined,
    });
  });

  it('takes "it" as the thing answered, but "its chairman" as an organization’s', () => {
    const cut = turn(
      'What did the OECD cut?',
      'growth predictions',
      "In its latest bi-annual report, the OECD cut its growth predictions for the world's main industrialised regions.",
    );
    expect(readFollowUp('Why did it fall?', [cut]).text).toBe('Why did growth predictions fall?');
    expect(readFollowUp('Who is its chief economist?', [cut]).text).toBe("Who is OECD's chief economist?");
  });

  it('reads "Is there…" as asking, not pointing', () => {
    expect(readFollowUp('Is there a forecast for 2006?', [oecd]).references).toEqual([]);
  });
});
