import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/analyzeQuestion.ts';
import { typeOfNoun } from '../../src/answer/answerTypes.ts';

const expected = (question: string) => analyzeQuestion(question).expected;

describe('reading what kind of answer a question wants', () => {
  it('reads "what is X" as a definition only when it asks what X is', () => {
    expect(expected('What is AzerTelecom?')).toBe('definition');
    expect(expected('What is a prime number?')).toBe('definition');
    expect(analyzeQuestion('What is Bakcell?').subject).toBe('Bakcell');
    // Inverted copula: the answer is what the phrase describes, typed by its head noun.
    expect(expected('What is the capital of Australia?')).toBe('place');
    expect(expected('What is the name of the river that flows through Warsaw?')).toBe('place');
    // Passives: "known as", "used to produce" ask for a phrase after the verb, not a definition.
    expect(expected('What are white blood cells known as?')).toBe('thing');
    expect(analyzeQuestion('What are white blood cells known as?').form).toBe('object');
    expect(expected('What was the cathedral built as?')).toBe('thing');
  });

  it('tells a question about a role holder from one about a named person', () => {
    expect(expected('Who is Paulo Portas?')).toBe('definition');
    expect(expected('Who is the Deputy Minister of Communications and High Technologies?')).toBe('person');
    expect(expected("Who is Iran's ICT minister?")).toBe('person');
    expect(analyzeQuestion("Who is Iran's ICT minister?").form).toBe('copula');
  });

  it('reads a question word that is the subject of the verb', () => {
    expect(analyzeQuestion('What applies equally to all member states?').form).toBe('subject');
    expect(analyzeQuestion('Who implements the digital submarine infrastructure project?').form).toBe('subject');
    expect(analyzeQuestion('What has replaced the former shipping premises?').form).toBe('subject');
    expect(analyzeQuestion('What is more often seen in root tips?').form).toBe('subject');
    expect(analyzeQuestion('What did Iran promise its Turkish counterpart?').form).toBe('object');
  });

  it('types head nouns through their lemmas and WordNet', () => {
    expect(expected('Which mathematician proved the theorem?')).toBe('person');
    expect(expected('Which German chancellor signed the treaty?')).toBe('person');
    expect(expected('What film won the award?')).toBe('work');
    expect(expected('Which song opened the show?')).toBe('work');
    expect(expected('Which countries are part of the treaty?')).toBe('place');
    expect(analyzeQuestion('Which countries are part of the treaty?').pluralHead).toBe(true);
    expect(expected('Which building houses the museum?')).toBe('facility');
    expect(typeOfNoun('chancellor')).toBe('person');
    expect(typeOfNoun('xyzzyplugh')).toBeNull();
  });

  it('types a possessed noun by itself, not by its possessor', () => {
    // "Warsaw's population" asks for a number, not a place; "Tesla's brother's name" for no unit of flux.
    expect(expected("What was Warsaw's population in 1901?")).toBe('number');
    expect(analyzeQuestion("What was Warsaw's population in 1901?").headLemma).toBe('population');
    expect(expected("What was Chicago's first skyscraper?")).toBe('facility');
    expect(expected("What is the name of Boston's basketball team?")).toBe('organization');
    expect(analyzeQuestion("What was Tesla's brother's name?").headLemma).toBe('name');
  });

  it('asks for measures, years and places by question word', () => {
    expect(expected('How long is the Vistula river?')).toBe('measure');
    expect(expected('How far is the Quad from the Yard?')).toBe('measure');
    expect(expected('How old was Tesla when he died?')).toBe('measure');
    expect(expected('How much did the project cost?')).toBe('measure');
    expect(expected('How many satellites did Azerbaijan launch?')).toBe('number');
    expect(expected('What year did Charles Avison die?')).toBe('year');
    expect(expected('In what year was the university founded?')).toBe('year');
    expect(expected('Where was the business meeting organized?')).toBe('place');
    expect(expected('How has Iran decided to overcome the sanctions?')).toBe('manner');
    expect(expected('Why are new contracts being signed?')).toBe('reason');
  });

  it('reads a one-word question and a question with no question word', () => {
    expect(analyzeQuestion('AzerTelecom').expected).toBe('thing');
    expect(analyzeQuestion('AzerTelecom').terms).toEqual(['azertelecom']);
  });
});
