import { describe, expect, it } from 'vitest';
import { ConversationStore, replayConversation } from '../../src/bot/runtime/conversations.ts';
import type { Turn } from '../../src/conversation/turn.ts';
import { Engine } from '../../src/engine.ts';

const turn = (question: string): Turn => ({
  question,
  answer: { answer: 'AzerTelecom', quote: 'AzerTelecom connects Azerbaijan.', source: { doc: '003' }, interpreted: null },
});

describe('ConversationStore', () => {
  it('keeps the last five turns of a conversation, only what reading a follow-up needs', () => {
    const store = new ConversationStore();
    const full = { question: 'q0', answer: { ...turn('q0').answer, confidence: 0.9, sentences: [], nearest: [] } };
    store.set('thread', [full, ...['q1', 'q2', 'q3', 'q4', 'q5'].map(turn)]);
    expect(store.get('thread')?.map((t) => t.question)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    store.set('other', [full]);
    expect(store.get('other')?.[0]).toEqual(turn('q0'));
  });

  it('keeps a turn it already holds as the same object', () => {
    const store = new ConversationStore();
    store.set('thread', [turn('q1')]);
    const kept = store.get('thread')![0]!;
    store.set('thread', [kept, turn('q2')]);
    expect(store.get('thread')![0]).toBe(kept);
  });

  it('forgets the least recently used conversation when full', () => {
    const store = new ConversationStore(2);
    store.set('a', [turn('a')]);
    store.set('b', [turn('b')]);
    store.get('a');
    store.set('c', [turn('c')]);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.[0]?.question).toBe('a');
    expect(store.get('c')?.[0]?.question).toBe('c');
  });
});

describe('replayConversation', () => {
  it('asks the questions again in order, each after the ones before, skipping one the engine refuses', async () => {
    const engine = await Engine.fromFolder('corpus');
    const turns = await replayConversation(engine, ['Who is the chairman of AzerTelecom?', '   ', 'What did he speak about?']);
    expect(turns.map((t) => t.question)).toEqual(['Who is the chairman of AzerTelecom?', 'What did he speak about?']);
    expect(turns[1]?.answer.interpreted).toBe('What did Fuad Allahverdiyev speak about?');
  });
});
