/**
 * Waits `ms`, or less if `signal` aborts (it resolves either way: a stop is handled by whoever
 * checks the signal next). The abort listener goes when the wait ends, because a run makes
 * thousands of waits on its one stop signal.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
