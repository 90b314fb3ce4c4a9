import { ContractConfigurationError } from './ContractViolation.js';

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

/** The part of Jest's `jest` object the default clock uses. */
export interface JestTimerControl {
  useFakeTimers(config?: { doNotFake?: Array<(typeof realTimers)[number]>; now?: number }): unknown;
  setSystemTime(now?: number | Date): void;
  useRealTimers(): unknown;
}

/**
 * The default clock: Jest's fake timers with only `Date` faked. It starts from the real time
 * because a real server compares the absolute expiries it is given with its own clock.
 * Under native ESM Jest has no global `jest`: pass the one from `@jest/globals`.
 */
export function jestDateClock(jestObject?: JestTimerControl): ContractClock {
  const timers = () => jestObject ?? globalJest();
  return {
    freeze() {
      timers().useFakeTimers({ doNotFake: [...realTimers], now: Date.now() });
    },
    advance(ms) {
      timers().setSystemTime(Date.now() + ms);
    },
    restore() {
      timers().useRealTimers();
    },
  };
}

function globalJest(): JestTimerControl {
  if (typeof jest === 'undefined') {
    throw new ContractConfigurationError(
      "clock: Jest's global `jest` is not defined here (native ESM?); pass clock: jestDateClock(jest) with jest from '@jest/globals'"
    );
  }
  return jest;
}
