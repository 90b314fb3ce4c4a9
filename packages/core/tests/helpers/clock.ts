/** A fixed start instant for tests that move time. */
export const testEpochMs = Date.UTC(2026, 0, 1, 12, 0, 0);

/**
 * Fakes `Date` only: promises, timers and ticks stay real, so async code runs as usual while
 * tests move the clock with `advanceClock`.
 */
export function fakeDate(startMs = testEpochMs): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  jest.setSystemTime(startMs);
}

/** Moves the faked clock forward. */
export function advanceClock(seconds: number): void {
  jest.setSystemTime(Date.now() + seconds * 1000);
}

export function restoreDate(): void {
  jest.useRealTimers();
}
