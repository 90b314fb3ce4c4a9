/**
 * Moves Date (only Date: timers, ticks and performance stay real, so clients keep working) to
 * `epochMs` while `body` runs, then back to real time. Stores compare leases with the client's
 * Date.now(), so this shows what every caller sees once a lease has passed, without waiting.
 */
export async function atTime<T>(epochMs: number, body: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(epochMs);
  try {
    return await body();
  } finally {
    jest.useRealTimers();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `probe` every 50 ms until it resolves, at most `attempts` times. */
export async function eventually<T>(probe: () => Promise<T>, attempts = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await probe();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(50);
    }
  }
}
