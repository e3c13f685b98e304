import type { Reference, Turn } from '../answer/answer.ts';
import type { EntityType } from '../entities/entityIndex.ts';

/** Defined with the answer, which reports them; a conversation is made of them. */
export type { Reference, Turn };

/** The kind of thing a referent is: an entity type, or any other thing a question can point back to. */
export type ReferentType = EntityType | 'thing';
