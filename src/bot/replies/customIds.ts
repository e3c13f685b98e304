import { ENTITY_TYPES } from '../../entities/entityIndex.ts';

/** How one value of a custom id is written, and read back (undefined when the text is not such a value). */
export interface IdField<T> {
  write(value: T): string;
  read(text: string): T | undefined;
}

/** A whole number, negative too (a disabled "Previous" button points at page -1). */
export const integer: IdField<number> = {
  write: String,
  read: (text) => (/^-?\d{1,15}$/.test(text) ? Number(text) : undefined),
};

/** A whole number from 0: an offset, or the id of a logged answer. */
export const count: IdField<number> = {
  write: String,
  read: (text) => (/^\d{1,15}$/.test(text) ? Number(text) : undefined),
};

/** One of a few words. */
export function oneOf<const T extends string>(values: readonly T[]): IdField<T> {
  return { write: (value) => value, read: (text) => values.find((value) => value === text) };
}

type Fields<P> = { readonly [K in keyof P]: IdField<P[K]> };

/**
 * One kind of button or menu: a fixed prefix (`ask:vote`) and typed values after it, separated by `:`
 * (`ask:vote:down:42`). The formatter writes the id and the handler reads it back through the same kind,
 * so neither splits strings and the two cannot drift apart.
 *
 * @example customIds.vote.id({ direction: 'up', answer: 7 }) // → 'ask:vote:up:7'
 * @example customIds.vote.read('ask:vote:up:7') // → { direction: 'up', answer: 7 }
 */
export class CustomIdKind<P extends object> {
  private readonly keys: readonly (keyof P)[];

  constructor(
    readonly prefix: string,
    private readonly fields: Fields<P>,
  ) {
    this.keys = Object.keys(fields) as (keyof P)[];
  }

  /** The custom id for these values. */
  id(values: P): string {
    return [this.prefix, ...this.keys.map((key) => this.fields[key].write(values[key]))].join(':');
  }

  /** The values of a custom id of this kind; undefined for another kind, or one whose values do not read. */
  read(customId: string): P | undefined {
    const head = `${this.prefix}:`;
    if (this.keys.length === 0) return customId === this.prefix ? ({} as P) : undefined;
    if (!customId.startsWith(head)) return undefined;
    const parts = customId.slice(head.length).split(':');
    if (parts.length !== this.keys.length) return undefined;
    const values: Partial<P> = {};
    for (const [i, key] of this.keys.entries()) {
      const value = this.fields[key].read(parts[i]!);
      if (value === undefined) return undefined;
      values[key] = value;
    }
    return values as P;
  }
}

/**
 * Every button and menu the bot puts on its messages. Ids already posted in Discord are read by later
 * versions, so a released kind keeps its prefix and the order of its values.
 */
export const customIds = {
  /** 👍 (`up`) or 👎 (`down`) under the answer logged as `answer`. */
  vote: new CustomIdKind('ask:vote', { direction: oneOf(['up', 'down']), answer: count }),
  /** "More sources": the sources from `offset` on. */
  moreSources: new CustomIdKind('ask:more', { offset: count }),
  /** "Ask a follow-up": opens a thread under the answer. */
  followUp: new CustomIdKind('ask:thread', {}),
  /** The menu of reasons for a 👎 on the answer logged as `answer`. */
  downvoteReason: new CustomIdKind('ask:reason', { answer: count }),
  /** Previous/Next under /entities: `page` of the `type` list. */
  entitiesPage: new CustomIdKind('entities', { type: oneOf(['all', ...ENTITY_TYPES]), page: integer }),
  /** ✅ Solved under an answer in a help channel's thread. */
  solved: new CustomIdKind('post:solved', {}),
  /** 🙋 Ask a human under an answer in a help channel's thread. */
  askHuman: new CustomIdKind('post:human', {}),
} as const;
