import { openHotStore, type HotStore } from '@netra/shared/redis';
import { testStores } from '@netra/test-framework/stores';
import { afterAll, describe, expect, it } from 'vitest';
import { jobQueueContract } from '#test-support/job-queue-contract.js';
import { openJobQueue } from './index.js';

const { redisUrl, redisNamespace } = testStores();
const hot: HotStore = openHotStore({ url: redisUrl, keyPrefix: `${redisNamespace}:queue-test:` });

afterAll(() => hot.close());

describe('job queue on the run tier', () => {
  it('is BullMQ when the run has Redis, in process otherwise', () => {
    const queue = openJobQueue(hot, { name: 'mode', onFailure: () => undefined, onError: () => undefined });
    expect(queue.mode).toBe(testStores().mode.redis);
    return queue.close();
  });

  jobQueueContract((options) => openJobQueue(hot, options));
});
