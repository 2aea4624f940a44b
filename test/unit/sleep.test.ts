import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/sleep.js';

describe('sleep', () => {
  it('leaves no abort listener on the signal once each wait is over', async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i += 1) await sleep(1, stop.signal);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('ends early when the signal aborts, and at once when it already has', async () => {
    const stop = new AbortController();
    const began = performance.now();
    const waiting = sleep(60_000, stop.signal);
    stop.abort();
    await waiting;
    await sleep(60_000, stop.signal);
    expect(performance.now() - began).toBeLessThan(5_000);
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });
});
