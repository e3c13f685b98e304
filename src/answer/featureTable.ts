/**
 * A learned model's features as one table: each row names a feature, says how it is measured and how the
 * measure is scaled. The vector the model multiplies, the columns training fits and the names and scales the
 * model file records all come from the table, so a feature is added, removed or rescaled in one row, and a
 * model file fitted to another table is refused when it is loaded (`disagreement`).
 */

/** How a measure becomes the number a weight multiplies. */
export interface Scale {
  /** What the model file records, with the constants it uses: when it changes, `npm run train`. */
  readonly label: string;
  readonly apply: (measure: number) => number;
}

/** One feature: its name in the model file, how it is measured, how the measure is scaled. */
export interface FeatureRow<Input, Name extends string = string> {
  readonly name: Name;
  /** A yes/no measure counts 1 or 0. */
  readonly measure: (input: Input) => number | boolean;
  readonly scale: Scale;
}

/** A feature as a model file records it. */
export interface RecordedFeature {
  name: string;
  scale: string;
}

export interface FeatureTable<Input, Name extends string> {
  /** The model's name in the model file and in its errors ('span', 'quote', 'answer'). */
  readonly model: string;
  readonly rows: readonly FeatureRow<Input, Name>[];
  readonly names: readonly Name[];
  /** The names and scales a model file fitted to this table records, in order. */
  readonly recorded: readonly RecordedFeature[];
  /** The feature values of one input, in the table's order. */
  vector(input: Input): number[];
  /** The value of a named feature in a vector of this table. */
  value(vector: readonly number[], name: Name): number;
  /** The column of a named feature, for code that fits weights by column (training). */
  column(name: Name): number;
}

/**
 * A table of features read from `Input`, curried so that the names are inferred while the input type is
 * given: `featureTable<QuoteEvidence>()('quote', [{ name: 'bias', measure: () => 1, scale: ONE }, …])`.
 * Throws on a name given twice.
 */
export function featureTable<Input>() {
  return <const Name extends string>(model: string, rows: readonly FeatureRow<Input, Name>[]): FeatureTable<Input, Name> => {
    const columns = new Map<string, number>();
    rows.forEach((row, i) => {
      if (columns.has(row.name)) throw new Error(`corpus-qa: the ${model} model's feature "${row.name}" is defined twice`);
      columns.set(row.name, i);
    });
    const column = (name: Name) => columns.get(name)!;
    return {
      model,
      rows,
      names: rows.map((row) => row.name),
      recorded: rows.map((row) => ({ name: row.name, scale: row.scale.label })),
      vector: (input) => {
        const values = new Array<number>(rows.length);
        for (let i = 0; i < rows.length; i += 1) values[i] = rows[i]!.scale.apply(Number(rows[i]!.measure(input)));
        return values;
      },
      value: (vector, name) => vector[column(name)]!,
      column,
    };
  };
}

/**
 * How a model file's features disagree with the engine's table (`FeatureTable.recorded`), said of the first
 * feature that does (one added, removed, moved or rescaled), or null when they agree.
 */
export function disagreement(engine: readonly RecordedFeature[], file: readonly RecordedFeature[]): string | null {
  for (let i = 0; i < Math.max(engine.length, file.length); i += 1) {
    const ours = engine[i];
    const theirs = file[i];
    if (!theirs) return `the engine's feature ${i + 1} ${quoted(ours!.name)} is not in the file`;
    if (!ours) return `the file's feature ${i + 1} ${quoted(theirs.name)} is not in the engine`;
    if (theirs.name !== ours.name) return `feature ${i + 1} is ${quoted(theirs.name)} in the file but ${quoted(ours.name)} in the engine`;
    if (theirs.scale !== ours.scale) {
      return `feature ${i + 1} ${quoted(ours.name)} is scaled ${quoted(theirs.scale)} in the file but ${quoted(ours.scale)} in the engine`;
    }
  }
  return null;
}

/** A name or scale in an error message, escaped so that the message stays one line. */
const quoted = (text: string) => JSON.stringify(text);

const identity = (x: number) => x;

/** The bias: always 1. */
export const ONE: Scale = { label: '1', apply: identity };

/** A yes/no feature: 1 or 0. `note` names a constant the measure uses ("within 6 tokens"). */
export function yesNo(note?: string): Scale {
  return { label: withNote('1 or 0', note), apply: identity };
}

/** A measure that is already on its scale: `label` says what it is and its range. */
export function asMeasured(label: string): Scale {
  return { label, apply: identity };
}

/** A count read up to `cap`: min(x, cap) / cap, from 0 to 1. */
export function upTo(cap: number, note?: string): Scale {
  return { label: withNote(`min(x, ${cap}) / ${cap}`, note), apply: (x) => Math.min(cap, x) / cap };
}

/** A length on a log scale: log1p(x) / divisor. */
export function logOver(divisor: number): Scale {
  return { label: `log1p(x) / ${divisor}`, apply: (x) => Math.log1p(x) / divisor };
}

/** 1 when the measure exceeds `limit`, else 0. */
export function above(limit: number): Scale {
  return { label: `1 if x > ${limit}, else 0`, apply: (x) => (x > limit ? 1 : 0) };
}

/** A probability as log-odds, clamped to 1e-4 from 0 and 1. */
export const LOG_ODDS: Scale = { label: 'logit(p), p clamped to [1e-4, 1 - 1e-4]', apply: logit };

export function logit(p: number): number {
  const clamped = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(clamped / (1 - clamped));
}

function withNote(label: string, note: string | undefined): string {
  return note === undefined ? label : `${label}, ${note}`;
}
