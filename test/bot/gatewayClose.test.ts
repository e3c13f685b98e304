import { beforeAll, describe, expect, it } from 'vitest';
import { createBot, GatewayClosedError } from '../../src/bot/runtime/bot.ts';
import { RateLimiter } from '../../src/bot/runtime/rateLimit.ts';
import { Engine } from '../../src/engine.ts';
import { createTestLog, startBot, testToken } from '../../testbed/discord/harness.ts';
import { FakeDiscord } from '../../testbed/discord/server.ts';

let engine: Engine;
beforeAll(async () => {
  engine = Engine.fromDocuments([{ id: 'note', text: 'Paulo Portas met Ali Abbasov in Baku.' }]);
});

describe('gateway closes that reconnecting cannot fix', () => {
  it('rejects start() with the reason when Discord refuses the token at IDENTIFY (4004), instead of waiting forever', async () => {
    const fake = await new FakeDiscord().start();
    fake.gateway.refuseIdentify(4004);
    const { logger, logs } = createTestLog();
    const bot = createBot({
      token: testToken,
      apiUrl: fake.apiUrl,
      commands: new Map(),
      context: { engines: { engine }, logger, limiter: new RateLimiter() },
    });
    try {
      const started = bot.start();
      await expect(started).rejects.toBeInstanceOf(GatewayClosedError);
      await expect(started).rejects.toThrow(
        'Discord closed the gateway with code 4004: the token is invalid: reset it in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN',
      );
      expect(logs.filter((l) => l.level !== 'info')).toEqual([
        expect.objectContaining({ level: 'error', msg: 'Discord closed the connection for good', code: 4004 }),
      ]);
    } finally {
      await bot.client.destroy();
      await fake.stop();
    }
  });

  it.each([4004, 4010, 4011, 4012, 4013, 4014])('settles `closed` with one error line when a running bot gets close %i', async (code) => {
    const running = await startBot({ engine });
    try {
      running.fake.gateway.close(code);
      const closed = await running.bot.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason.length).toBeGreaterThan(10);
      expect(running.logs.filter((l) => l.level === 'error')).toEqual([
        { time: expect.any(String), level: 'error', msg: 'Discord closed the connection for good', shard: 0, code, reason: closed.reason },
      ]);
    } finally {
      await running.stop();
    }
  });
});
