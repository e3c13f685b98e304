import { setMostRecent } from '../recentlyUsed.ts';
import type { Turn } from './turn.ts';

/** Turns kept per conversation: a few more than the engine reads (`TURNS_READ`). */
export const KEPT_TURNS = 5;

const compacted = new WeakSet<Turn>();

/**
 * Only what reading a follow-up needs of a turn (a whole Answer also holds its ranking and nearest sources);
 * a turn already kept stays the same object, so the engine's reading of it is reused.
 */
export function compactTurn(turn: Turn): Turn {
  if (compacted.has(turn)) return turn;
  const { question, answer } = turn;
  const source = answer.source === null ? null : { doc: answer.source.doc };
  const kept = { question, answer: { answer: answer.answer, quote: answer.quote, source, interpreted: answer.interpreted ?? null } };
  compacted.add(kept);
  return kept;
}

export interface ConversationWindowOptions {
  /** Conversations remembered at once; past it the least recently used is forgotten. */
  maxConversations: number;
  /** A conversation not gone on for this long is forgotten, in ms. */
  maxIdleMs: number;
  /** The clock, injectable for tests. */
  now?: () => number;
}

/**
 * Conversations by key, bounded by count and by age, so memory stays flat however many there are: each keeps its
 * last `KEPT_TURNS` turns, compacted; the least recently used is forgotten past `maxConversations`, and any left
 * idle for `maxIdleMs`.
 *
 * @example
 * const window = new ConversationWindow({ maxConversations: 1000, maxIdleMs: 30 * 60_000 });
 * window.set('chair', [{ question, answer }]);
 * engine.answer('What did he speak about?', { after: window.get('chair') });
 */
export class ConversationWindow {
  private readonly conversations = new Map<string, { turns: readonly Turn[]; used: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ConversationWindowOptions) {
    this.now = options.now ?? Date.now;
  }

  /** How many conversations are remembered now. */
  get size(): number {
    this.forgetIdle();
    return this.conversations.size;
  }

  /** The turns of a conversation still remembered, which counts as using it. */
  get(key: string): readonly Turn[] | undefined {
    this.forgetIdle();
    const kept = this.conversations.get(key);
    if (kept === undefined) return undefined;
    setMostRecent(this.conversations, key, { turns: kept.turns, used: this.now() }, this.options.maxConversations);
    return kept.turns;
  }

  set(key: string, turns: readonly Turn[]): void {
    setMostRecent(
      this.conversations,
      key,
      { turns: turns.slice(-KEPT_TURNS).map(compactTurn), used: this.now() },
      this.options.maxConversations,
    );
    this.forgetIdle();
  }

  /** The map is in order of use, so the idle ones are at its front. */
  private forgetIdle(): void {
    const oldest = this.now() - this.options.maxIdleMs;
    for (const [key, { used }] of this.conversations) {
      if (used > oldest) break;
      this.conversations.delete(key);
    }
  }
}
