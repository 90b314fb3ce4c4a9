/** Controls what `Date` says during one check, so expiry is tested without sleeping. */
export interface ContractClock {
  /** Stops `Date` at the real current time. */
  freeze(): void;
  /** Moves `Date` forward. */
  advance(ms: number): void;
  /** Gives `Date` back its real time. */
  restore(): void;
}

/**
 * Every timer the engine, clients and servers need keeps running for real: only `Date` is faked,
 * so a check against a real network server behaves as it would in production.
 */
const realTimers = [
  'nextTick',
  'setImmediate',
  'clearImmediate',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'queueMicrotask',
  'hrtime',
  'performance',
] as const;

/**
 * The default clock: Jest's fake timers with only `Date` faked. It starts from the real time
 * because a real server compares the absolute expiries it is given with its own clock.
 */
export function jestDateClock(): ContractClock {
  return {
    freeze() {
      const now = Date.now();
      jest.useFakeTimers({ doNotFake: [...realTimers], now });
    },
    advance(ms) {
      jest.setSystemTime(Date.now() + ms);
    },
    restore() {
      jest.useRealTimers();
    },
  };
}
