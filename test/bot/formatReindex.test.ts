import { describe, expect, it } from 'vitest';
import { formatReindex, reindexFailureText } from '../../src/bot/replies/formatReindex.ts';

const report = (changes: { added?: string[]; changed?: string[]; removed?: string[] }, documents = 4, ms = 1234) => ({
  added: [],
  changed: [],
  removed: [],
  ...changes,
  documents,
  ms,
  fromSnapshot: false,
});

describe('formatReindex', () => {
  it('says when nothing changed', () => {
    expect(formatReindex({ report: report({}), joined: false }).content).toBe(
      'Reindexed in 1.2 s: 0 added, 0 changed, 0 removed (4 documents).\nNothing changed since the last index.',
    );
  });

  it('lists ten ids of a kind and counts the rest, and never pings', () => {
    const added = Array.from({ length: 12 }, (_, i) => `news/${String(i).padStart(3, '0')}`);
    const payload = formatReindex({ report: report({ added }, 16), joined: false });
    expect(payload.content).toBe(
      'Reindexed in 1.2 s: 12 added, 0 changed, 0 removed (16 documents).\n' +
        `Added: ${added
          .slice(0, 10)
          .map((id) => `\`${id}\``)
          .join(', ')} …and 2 more`,
    );
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('tells someone who joined a running reindex, and keeps a backtick in an id from breaking the code span', () => {
    expect(formatReindex({ report: report({ removed: ['odd`name'] }, 3, 80), joined: true }).content).toBe(
      "A reindex was already running; it finished in 0.1 s: 0 added, 0 changed, 1 removed (3 documents).\nRemoved: `odd'name`",
    );
  });

  it('says how many shards reindexed when sharded', () => {
    expect(formatReindex({ report: report({}), joined: false, shards: 2 }).content!.split('\n')[0]).toBe(
      'Reindexed in 1.2 s on all 2 shards: 0 added, 0 changed, 0 removed (4 documents).',
    );
  });

  it('stays within a Discord message when ids are long paths', () => {
    const long = (k: string) => Array.from({ length: 10 }, (_, i) => `${k}/${'deep/'.repeat(40)}${i}`);
    const content = formatReindex({ report: report({ added: long('a'), changed: long('c'), removed: long('r') }), joined: false }).content!;
    expect(content.length).toBeLessThanOrEqual(2000);
    expect(content.length).toBeGreaterThan(1900);
    expect(content.endsWith('…')).toBe(true);
  });
});

describe('reindexFailureText', () => {
  it('gives the first line of the reason and says the old index still answers', () => {
    expect(reindexFailureText(new Error("ENOENT: no such file or directory, scandir 'corpus'\n    at stack"))).toBe(
      "Reindex failed; the bot keeps answering from the previous index. Reason: ENOENT: no such file or directory, scandir 'corpus'",
    );
  });
});
