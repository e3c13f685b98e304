import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine.ts';
import { buildEntityIndex } from '../../src/entities/buildEntityIndex.ts';

describe('building the entity index in slices', () => {
  it('gives the same entities and cards as building it in one piece', async () => {
    const engine = await Engine.fromFolder('corpus');
    const sliced = await engine.prepareEntities({ sliceMs: 0 });
    const whole = buildEntityIndex(engine.documents);
    expect(sliced.list()).toEqual(whole.list());
    expect(sliced.card('Abbasov')).toEqual(whole.card('Abbasov'));
    expect(engine.entities).toBe(sliced);
  });
});
