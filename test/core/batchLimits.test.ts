import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main as ask } from '../../src/cli/ask.ts';
import { answerBatch } from '../../src/cli/batch.ts';
import { ConversationWindow } from '../../src/conversation/conversationWindow.ts';
import type { Turn } from '../../src/conversation/turn.ts';
import { Engine } from '../../src/engine.ts';
import { runInProcess } from './cliRun.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.fromFolder('corpus');
});

const line = (request: unknown) => JSON.stringify(request);
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Runs a batch through `answerBatch` and returns its output lines, parsed. */
async function batch(lines: string[], window?: ConstructorParameters<typeof ConversationWindow>[0]): Promise<Record<string, unknown>[]> {
  let out = '';
  await answerBatch(
    engine,
    '-',
    { stdin: Readable.from([`${lines.join('\n')}\n`]), stdout: { write: (text: string) => (out += text) } },
    window,
  );
  return out
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text));
}

describe('a batch line with an odd id', () => {
  it('refuses an id nested 5,000 deep on its own line, and answers the lines after it', async () => {
    const run = await runInProcess(ask, ['--no-cache', '--batch', '-'], {
      input: [
        `{"id":${nested(5000)},"question":"What is AzerTelecom?"}`,
        line({ id: 'next', question: "who met Portugal's minister?" }),
      ].join('\n'),
    });
    expect(run.status).toBe(0);
    const [deep, next] = run.stdout
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(deep).toEqual({ id: null, error: 'line 1: "id" is nested more than 16 levels deep; use a string or a number' });
    expect(next).toMatchObject({ id: 'next', answer: 'Ali Abbasov' });
  });

  it('echoes any JSON id within the limits exactly, and refuses a longer one or a deep "after"', async () => {
    const id = { run: 7, tags: ['a', { b: [1, 2, null] }], ok: true };
    const [kept, shallow, long, deepAfter] = await batch([
      line({ id, question: 'What is AzerTelecom?' }),
      `{"id":${nested(16)},"question":"What is AzerTelecom?"}`,
      line({ id: 'x'.repeat(1001), question: 'What is AzerTelecom?' }),
      `{"id":"d","question":"What did he say?","after":${nested(40)}}`,
    ]);
    expect(kept).toMatchObject({ id, answered: true });
    expect(shallow!.id).toEqual(JSON.parse(nested(16)));
    expect(long).toEqual({ id: null, error: 'line 3: "id" is longer than 1000 characters as JSON; use a shorter one' });
    expect(deepAfter).toEqual({ id: 'd', error: 'line 4: "after" is nested more than 16 levels deep; use a string or a number' });
  });
});

describe("a batch's conversations", () => {
  it('are forgotten past the count kept: the least recently continued first', async () => {
    const lines = await batch(
      [
        line({ id: 'chair', question: 'Who is the chairman of AzerTelecom?' }),
        line({ id: 'b', question: "who met Portugal's minister?" }),
        line({ id: 'spoke', question: 'What did he speak about?', after: 'chair' }),
        line({ id: 'c', question: 'What is AzerTelecom?' }),
        line({ id: 'd', question: 'What is AzerTelecom?' }),
        line({ id: 'late', question: 'What did he speak about?', after: 'b' }),
        line({ id: 'kept', question: 'What will the cable contribute to?', after: 'spoke' }),
      ],
      { maxConversations: 3, maxIdleMs: Number.POSITIVE_INFINITY },
    );
    expect(lines[2]).toMatchObject({ id: 'spoke', interpreted: 'What did Fuad Allahverdiyev speak about?' });
    expect(lines[5]).toEqual({
      id: 'late',
      error: expect.stringMatching(/^line 6: "after" names no earlier answered line \(id "b"\); a batch remembers/),
    });
    expect(lines[6]).toMatchObject({ id: 'kept', interpreted: 'What will the Trans-Caspian Fiber Optic Cable contribute to?' });
  });

  it('are forgotten once idle for longer than the window', async () => {
    let now = 0;
    const window = new ConversationWindow({ maxConversations: 10, maxIdleMs: 1000, now: () => now });
    const turn = (question: string): Turn => ({ question, answer: { answer: null, quote: 'q', source: { doc: 'd' }, interpreted: null } });
    window.set('old', [turn('one')]);
    now = 600;
    window.set('young', [turn('two')]);
    now = 1000;
    expect(window.get('old')).toBeUndefined();
    expect(window.get('young')).toHaveLength(1);
    now = 1900;
    expect(window.get('young')).toHaveLength(1);
    now = 2900;
    expect(window.size).toBe(0);
  });

  it('keep the last five turns of each, without the ranking and sources of their answers', async () => {
    const window = new ConversationWindow({ maxConversations: 10, maxIdleMs: 60_000 });
    const answer = engine.answer('Who is the chairman of AzerTelecom?');
    window.set(
      'a',
      Array.from({ length: 7 }, (_, i) => ({ question: `q${i}`, answer })),
    );
    const kept = window.get('a')!;
    expect(kept.map((turn) => turn.question)).toEqual(['q2', 'q3', 'q4', 'q5', 'q6']);
    expect(Object.keys(kept[0]!.answer).sort()).toEqual(['answer', 'interpreted', 'quote', 'source']);
  });
});
