import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedParts, withParts } from '../../scripts/generatedDocs.ts';
import { spawnCli } from './cliRun.ts';

const root = resolve(import.meta.dirname, '../..');

describe('the docs that show what the program prints', () => {
  it('are what the program prints now (npm run docs rewrites them)', async () => {
    for (const [file, parts] of Object.entries(await generatedParts())) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, `${file} is out of date: run npm run docs`).toBe(withParts(text, parts, file));
    }
  });

  it('show in the README the answer npm run ask prints, certainty line included', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const sample = /<!-- generated: ask sample -->\n```\n\$ npm run ask -- "([^"]+)"\n([\s\S]*?)```/.exec(readme);
    expect(sample).not.toBeNull();
    const run = spawnCli('src/cli/ask.ts', [sample![1]!]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(sample![2]);
    expect(run.stdout.split('\n')[1]).toMatch(/^\(Answer (almost certainly|very likely|likely) right · quote .* holds it\)$/);
  });

  it('refuse a file without the block to fill', () => {
    expect(() => withParts('# Title\n', { 'help ask': '```\n```' }, 'docs/cli.md')).toThrow(
      'docs/cli.md: no "<!-- generated: help ask -->" … "<!-- end generated -->" block',
    );
  });
});
