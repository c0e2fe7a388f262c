/**
 * The test's own redis-server: stopped, it is gone, whether or not it was resumed while running.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { portAnswers } from '#test-support/port-answers.js';
import { RedisProcess } from './redis-process.js';

describe('a redis-server of the test’s own', () => {
  it('is stopped for good after a resume while it was running', async () => {
    const redis = await RedisProcess.start();
    await redis.resume();
    await redis.stop();
    expect(await portAnswers(redis.port)).toBe(false);
  });

  it('comes back after a stop and is stopped again', async () => {
    const redis = await RedisProcess.start();
    await redis.stop();
    expect(await portAnswers(redis.port)).toBe(false);
    await redis.resume();
    expect(await portAnswers(redis.port)).toBe(true);
    await redis.stop();
    expect(await portAnswers(redis.port)).toBe(false);
  });
});
