import type { Engine } from '../engine.ts';
import { buildEntityIndex } from '../entities/index.ts';
import type { EntityIndex } from '../entities/types.ts';
import type { QaEngine } from './deps.ts';

/**
 * The engine as the bot uses it. The entity index is the engine's own when it offers one, else it is
 * built once from the engine's documents on first use, so start-up does not wait for it.
 */
export function qaEngine(engine: Engine): QaEngine {
  let entities: EntityIndex | undefined;
  return {
    get documents() {
      return engine.documents;
    },
    get entities() {
      entities ??= (engine as { entities?: EntityIndex }).entities ?? buildEntityIndex(engine.documents);
      return entities;
    },
    document: (id) => engine.document(id),
    answer: (question, options) => engine.answer(question, options),
  };
}
