import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/analyzeQuestion.ts';
import { codeAnswer } from '../../src/answer/codeAnswer.ts';
import { questionIntent } from '../../src/answer/questionIntent.ts';
import { type Answer, Engine } from '../../src/index.ts';
import { askedDefault } from '../../src/vocabulary/askedDefault.ts';

const docs = join(import.meta.dirname, '../fixtures/docs');
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder(docs);
});

/** Every quote is a verbatim slice of its document, and its layout pieces tile it. */
function expectVerbatim(answer: Answer): void {
  const document = engine.document(answer.source!.doc)!;
  expect(answer.quote).toBe(document.text.slice(answer.source!.start, answer.source!.end));
  for (const part of answer.quoteLayout ?? []) expect(part.end).toBeLessThanOrEqual(answer.quote!.length);
}

describe('answering how-to questions from documentation', () => {
  it('quotes the lead-in and the code it introduces, as one verbatim span, linked to the section', () => {
    const answer = engine.answer('how do i edit my reply');
    expect(answer.answered).toBe(true);
    expect(answer.quote).toContain('This can be achieved with the editReply() method:');
    expect(answer.quote).toContain("await interaction.editReply('Pong again!');");
    expect(answer.quoteLayout?.map((part) => [part.kind, part.language])).toEqual([
      ['prose', undefined],
      ['code', 'js'],
      ['prose', undefined],
    ]);
    expect(answer.source?.location).toMatchObject({ section: 'Editing responses', anchor: 'editing-responses' });
    // A how-to is answered by its passage: no short answer in bold.
    expect(answer.answer).toBeNull();
    expectVerbatim(answer);
  });

  it('answers a question whose answer is only code from the FAQ entry whose heading asks it', () => {
    const answer = engine.answer('how can i ban someone from my server');
    expect(answer.answered).toBe(true);
    expect(answer.source?.location?.section).toBe('How do I ban a user?');
    expect(answer.quote).toBe("const target = interaction.options.getUser('target');\nawait interaction.guild.members.ban(target);");
    expect(answer.quoteLayout).toEqual([{ start: 0, end: answer.quote!.length, kind: 'code', language: 'js' }]);
  });

  it('finds the documentation word for the members’ words the corpus folder’s glossary lists', async () => {
    const answer = engine.answer('how do i make a reply only visible to me');
    expect(answer.source?.location?.section).toBe('Ephemeral responses');
    expect(answer.quote).toContain('flags: MessageFlags.Ephemeral');
    const withoutGlossary = await Engine.fromFolder(docs, { vocabulary: { glossary: false }, abstainBelow: 0 });
    expect(withoutGlossary.answer('how do i make a reply only visible to me').source?.location?.section).not.toBe('Ephemeral responses');
  });

  it('quotes a fact in a reference entry with its entry, and reads the value the entry gives as its short answer', () => {
    const answer = engine.answer('what is the default timeout');
    expect(answer.quote).toBe('Type: number\n\nDefault: 5_000');
    const best = engine.evidence('what is the default timeout')[0]!;
    expect(codeAnswer(engine.document(best.sentence.doc)!, best.sentence, analyzeQuestion('what is the default timeout'))).toBe('5_000');
  });

  it('quotes with a fact the code its sentence introduces with a colon, and reads which version or port as the value itself', () => {
    const port = engine.answer('what port does the dashboard use');
    expect(port.quote).toBe('The dashboard listens on port 53134 unless you set PORT:\n\nPORT=53134');
    const value = (question: string) => {
      const best = engine.evidence(question)[0]!;
      return codeAnswer(engine.document(best.sentence.doc)!, best.sentence, analyzeQuestion(question));
    };
    expect(value('what port does the dashboard use')).toBe('53134');
    expect(value('which version of discord.js do i need')).toBe('v14.2.1');
  });

  it('abstains on what the documentation does not cover', () => {
    expect(engine.answer('how do i bake bread').answered).toBe(false);
  });
});

describe('questions readers said a quote answers', () => {
  it('find that quote when asked again in the same words, and only when the engine reads them', async () => {
    const ephemeral = engine.answer('how do i hide a response from everyone');
    expect(ephemeral.source?.location?.section).toBe('Ephemeral responses');
    const { doc, start, end } = ephemeral.source!;
    const feedback = { phrasings: [{ question: 'how can the bot whisper answers', source: { doc, start, end } }] };
    const question = 'can the bot whisper its answer to me';
    const anyway = await Engine.fromFolder(docs, { abstainBelow: 0 });
    expect(anyway.answer(question).source?.location?.section).not.toBe('Ephemeral responses');
    expect(anyway.answer(question, { feedback }).source?.location?.section).toBe('Ephemeral responses');
    const deaf = await Engine.fromFolder(docs, { abstainBelow: 0, vocabulary: { feedback: false } });
    expect(deaf.answer(question, { feedback }).source?.location?.section).not.toBe('Ephemeral responses');
  });
});

describe('the intent of a question', () => {
  it.each([
    ['how do i edit my reply', 'how-to'],
    ['is there a way to run one test file', 'how-to'],
    ['why does my ci run fail when i leave a .only in a test', 'why'],
    ['getting Failed to terminate worker errors', 'why'],
    ['the bot crashes when i send an embed, whats going on', 'why'],
    ['when did the deploy fail', 'fact'],
    ['what does vi.stubEnv do', 'explain'],
    ['what is the default timeout', 'fact'],
    ['which reporter is used by default', 'fact'],
  ] as const)('%s → %s', (question, intent) => {
    expect(questionIntent(analyzeQuestion(question))).toBe(intent);
  });
});

describe('the glossary', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'corpus-qa-glossary-'));
    cpSync(docs, folder, { recursive: true });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is read again with the folder, and a glossary that is not YAML is one warning while the corpus is served', async () => {
    writeFileSync(join(folder, 'glossary.yaml'), 'ephemeral: [only visible to me\n');
    const broken = await Engine.fromFolder(folder);
    expect(broken.warnings.map((warning) => warning.path)).toEqual(['glossary.yaml']);
    expect(broken.warnings[0]?.reason).toMatch(/^is not valid YAML/);
    expect(broken.glossaryEntries).toBe(0);
    expect(broken.answer('how do i edit my reply').answered).toBe(true);
    writeFileSync(join(folder, 'glossary.yaml'), 'ephemeral: [only visible to me]\nguild: [server]\n');
    await broken.refresh(folder);
    expect(broken.warnings).toEqual([]);
    expect(broken.glossaryEntries).toBe(2);
  });
});

describe('a question that asks for a default in other words', () => {
  const folder = join(import.meta.dirname, '../fixtures/docs-defaults');
  const question = 'which reporter does it use if i dont pick one';

  it('is answered from what the docs say happens by default, not from how to choose', async () => {
    const answer = (await Engine.fromFolder(folder)).answer(question);
    expect(answer.quote).toBe('By default, the tool uses the dots reporter.');
    expect(answer.answer).toBe('dots reporter');
    const literal = await Engine.fromFolder(folder, { vocabulary: { idioms: false } });
    expect(literal.answer(question).quote).not.toBe('By default, the tool uses the dots reporter.');
  });

  it('is read from the words that leave the choice out, and never when the question says "default" itself', () => {
    const asked = (text: string) => askedDefault(text, analyzeQuestion(text).terms).map(({ term, of }) => `${of} → ${term}`);
    expect(asked('what port does it listen on if i dont specify one')).toEqual(['specifi → default']);
    expect(asked('what happens without setting a timeout')).toEqual(['set → default']);
    expect(asked('what is the default port')).toEqual([]);
    expect(asked('what port does it use if i set PORT')).toEqual([]);
  });
});
