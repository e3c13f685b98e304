import type { EntityType } from '../entities/types.ts';

/** The kind of thing a referent is: an entity type, or any other thing a question can point back to. */
export type ReferentType = EntityType | 'thing';

/**
 * One exchange of a conversation: what was asked and what the engine answered. A whole `Answer` will do;
 * only the fields below are read, so a caller that kept less (a chat log) can rebuild a turn.
 */
export interface Turn {
  question: string;
  answer: {
    /** The short answer, if there was one. */
    answer: string | null;
    /** The quoted sentence, if the engine answered. */
    quote: string | null;
    /** The quote's document. */
    source: { doc: string } | null;
    /** How the question was read, when it was itself a follow-up. */
    interpreted?: string | null;
  };
}

/** Words of a follow-up question taken to mean something said earlier in the conversation. */
export interface Reference {
  /** The words as asked: "he", "the company", "And in Turkey?". */
  said: string;
  /** What they were taken as: "Fuad Allahverdiyev", "AzerTelecom", "How many people live in Turkey?". */
  as: string;
}
