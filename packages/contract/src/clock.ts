import FakeTimers from '@sinonjs/fake-timers';
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
 * The default clock, in any test runner: fakes `Date` alone, frozen at the real current time
 * (a real server compares the absolute expiries it is given with its own clock). Timers,
 * `process.nextTick`, `performance` and sockets stay real, so a check against a network server
 * behaves as it would in production. `@sinonjs/fake-timers` is the library Jest and Vitest fake
 * time with; here it replaces `Date` of the global the test runs in.
 */
export function fakeDateClock(): ContractClock {
  let installed: ReturnType<ReturnType<typeof FakeTimers.withGlobal>['install']> | undefined;
  return {
    freeze() {
      installed?.uninstall();
      installed = FakeTimers.withGlobal(globalThis).install({ now: Date.now(), toFake: ['Date'] });
    },
    advance(ms) {
      if (!installed) throw new ContractConfigurationError('clock: advance() before freeze()');
      installed.setSystemTime(installed.now + ms);
    },
    restore() {
      installed?.uninstall();
      installed = undefined;
    },
  };
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

/** The part of Jest's `jest` object `jestDateClock` uses. */
export interface JestTimerControl {
  useFakeTimers(config?: { doNotFake?: Array<(typeof realTimers)[number]>; now?: number }): unknown;
  setSystemTime(now?: number | Date): void;
  useRealTimers(): unknown;
}

/**
 * A clock over Jest's fake timers with only `Date` faked, for a suite that wants Jest to own
 * time (the default clock works in Jest too). Under native ESM Jest has no global `jest`: pass
 * the one from `@jest/globals`.
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

/** Jest's `jest` is a parameter of its module wrapper, not a property of the global: read it by name. */
function globalJest(): JestTimerControl {
  if (typeof jest === 'undefined') {
    throw new ContractConfigurationError(
      "clock: Jest's global `jest` is not defined here (native ESM?); pass clock: jestDateClock(jest) with jest from '@jest/globals'"
    );
  }
  return jest;
}
