import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/bot/runtime/logger.ts';

const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.GhJkLm.abcdefghijklmnopqrstuvwxyz012345';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ secrets: [token], write: (line) => lines.push(line), now: () => new Date('2026-01-02T03:04:05.000Z') });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const { logger, lines } = capture();
    logger.info('ready', { guilds: 1 });
    expect(lines).toEqual(['{"time":"2026-01-02T03:04:05.000Z","level":"info","msg":"ready","guilds":1}']);
  });

  it('never writes the token, even inside an error message or stack', () => {
    const { logger, lines } = capture();
    logger.error('login failed', { error: new Error(`bad header Bot ${token}`), note: `token=${token}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    const entry = JSON.parse(lines[0]!) as { error: { name: string; message: string; stack: string }; note: string };
    expect(entry.error.name).toBe('Error');
    expect(entry.error.message).toBe('bad header Bot [redacted]');
    expect(entry.note).toBe('token=[redacted]');
    expect(entry.error.stack).toContain('bad header Bot [redacted]');
  });

  it('hides interaction tokens in REST URLs that discord.js errors carry', () => {
    const { logger, lines } = capture();
    logger.error('reply failed', { url: 'http://127.0.0.1/api/v10/webhooks/1000/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MA/messages/@original' });
    expect(JSON.parse(lines[0]!).url).toBe('http://127.0.0.1/api/v10/webhooks/1000/[redacted]/messages/@original');
  });
});
