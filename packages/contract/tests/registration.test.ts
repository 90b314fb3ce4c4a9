import {
  ContractConfigurationError,
  contractCheck,
  describePersistenceContract,
  fakeDateClock,
  persistenceContractChecks,
  runContractCheck,
  UncheckableGuaranteeError,
} from '@idem/contract';
import { MemoryPersistenceLayer } from '@idem/core';
import { CustomPersistenceLayer } from './support/seedSampleLayer.js';
import { recordingRunner } from './support/violations.js';

// What the suite registers, read through a runner that records it. The real runners (Jest 29
// and 30, Vitest 3 and 4, node:test) run the same registrations in internal/contract-runners.

const renewal = [
  'renewal extends the in-progress expiry of the caller’s own claim',
  'renewal by a caller that lost its claim is refused and changes nothing',
];

describe('what the suite registers', () => {
  it('reports each guarantee a store cannot be checked for as a todo naming the store and the reason', () => {
    const { runner, todos, suites } = recordingRunner();
    describePersistenceContract('a store without ownership', () => new MemoryPersistenceLayer(), {
      runner,
      supportsOwnership: false,
      returnsExistingRecordOnConflict: false,
    });
    expect(suites).toEqual(['persistence contract: a store without ownership']);
    expect(todos).toEqual([
      "a completion by a caller that lost its claim does not clobber the new owner's record — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)",
      "a release by a caller that lost its claim does not delete the new owner's record — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)",
      'renewal by a caller that lost its claim is refused and changes nothing — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)',
      'custom attribute names round-trip — not supported by a store without ownership: no attribute names to set (no factoryWithAttributes option)',
      'records expire: the store enforces a TTL — not supported by a store without ownership: the suite cannot see the backend expire records (no expiryEnforcement option)',
    ]);
  });

  it('sees that a layer cannot renew claims, with no option, and registers the renewal guarantees as todo', () => {
    const { runner, todos, tests } = recordingRunner();
    describePersistenceContract('the seed sample', () => new CustomPersistenceLayer(), { runner, supportsOwnership: false });
    expect(todos).toEqual(
      expect.arrayContaining(
        renewal.map((guarantee) => expect.stringMatching(new RegExp(`^${guarantee} — not supported by the seed sample: it`)))
      )
    );
    expect(todos.find((name) => name.startsWith(renewal[0]!))).toMatch(/it cannot renew claims \(canRenewClaims\(\) is false\)$/);
    for (const guarantee of renewal) expect(tests.has(guarantee)).toBe(false);
  });

  it('registers every guarantee of a fenced, renewable store as a test, given no option but where to look', () => {
    const { runner, todos, tests } = recordingRunner();
    describePersistenceContract('the memory store', () => new MemoryPersistenceLayer(), {
      runner,
      expiryEnforcement: { kind: 'reclaim', isStored: async () => false },
    });
    expect(todos).toEqual([
      'custom attribute names round-trip — not supported by the memory store: no attribute names to set (no factoryWithAttributes option)',
    ]);
    expect(tests.size).toBe(persistenceContractChecks.length - 1);
  });

  it('does not call the factory when the suite is registered once every capability it could see is declared', () => {
    let calls = 0;
    const { runner, tests } = recordingRunner();
    describePersistenceContract(
      'a declared store',
      () => {
        calls++;
        return new MemoryPersistenceLayer();
      },
      { runner, supportsClaimRenewal: true }
    );
    expect(calls).toBe(0);
    for (const guarantee of renewal) expect(tests.has(guarantee)).toBe(true);
  });

  it('calls the factory once when the suite is registered, and closes that layer with teardown', async () => {
    const made: MemoryPersistenceLayer[] = [];
    const closed: MemoryPersistenceLayer[] = [];
    const { runner } = recordingRunner();
    describePersistenceContract(
      'a looked-at store',
      () => {
        const layer = new MemoryPersistenceLayer();
        made.push(layer);
        return layer;
      },
      { runner, teardown: (layer) => void closed.push(layer) }
    );
    expect(made).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toEqual(made);
  });

  it('names every guarantee once', () => {
    const names = persistenceContractChecks.map((check) => check.guarantee);
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses an unknown option, naming it and the option it most likely meant', () => {
    expect(() =>
      describePersistenceContract('a typo', () => new MemoryPersistenceLayer(), { supportsOwnerhip: false } as never)
    ).toThrow(/^supportsOwnerhip: not an option of the persistence contract; did you mean supportsOwnership\?/);
  });

  it('refuses fewer than 50 parallel claims, naming the option', () => {
    expect(() => describePersistenceContract('too few', () => new MemoryPersistenceLayer(), { parallelClaims: 10 })).toThrow(
      new ContractConfigurationError('parallelClaims: must be an integer of at least 50, got 10')
    );
  });

  it('refuses a runner without describe, it and it.todo, naming the option', () => {
    const it = Object.assign(() => {}, {});
    expect(() =>
      describePersistenceContract('no todo', () => new MemoryPersistenceLayer(), { runner: { describe: () => {}, it } as never })
    ).toThrow(/^runner: expected \{ describe, it \} of a test runner, with it\.todo .*it\.todo: undefined \}$/);
  });

  it('tells a runner without globals (node:test, Vitest without globals: true) to pass its describe and it', () => {
    const globals = globalThis as { describe?: unknown };
    const jestDescribe = globals.describe;
    delete globals.describe;
    try {
      expect(() => describePersistenceContract('no globals', () => new MemoryPersistenceLayer())).toThrow(
        /^runner: this test runner has no global describe and it .*pass runner: \{ describe, it \} from 'vitest' or 'node:test'$/
      );
    } finally {
      globals.describe = jestDescribe;
    }
  });

  it('refuses to run a check the store cannot be checked for, instead of passing it', async () => {
    await expect(
      runContractCheck(contractCheck('custom attribute names round-trip'), () => new MemoryPersistenceLayer())
    ).rejects.toThrow(ContractConfigurationError);
    await expect(runContractCheck(contractCheck(renewal[0]!), () => new CustomPersistenceLayer())).rejects.toThrow(
      new UncheckableGuaranteeError(renewal[0]!, 'it cannot renew claims (canRenewClaims() is false)')
    );
  });

  it('fails the renewal guarantees of a layer that cannot renew when told supportsClaimRenewal: true', async () => {
    await expect(
      runContractCheck(contractCheck(renewal[0]!), () => new CustomPersistenceLayer(), {
        supportsOwnership: false,
        supportsClaimRenewal: true,
      })
    ).rejects.toThrow(
      /^renewal extends .*: it cannot renew claims \(canRenewClaims\(\) is false\), though the suite was told supportsClaimRenewal: true — _extendRecord must /
    );
  });
});

describe('a gap the suite sees only once a test runs', () => {
  /** A factory that cannot make a layer yet when the suite is registered, as one whose server starts in beforeAll. */
  function laterFactory() {
    let serverStarted = false;
    return {
      startServer: () => {
        serverStarted = true;
      },
      factory: () => {
        if (!serverStarted) throw new Error('the server is not started');
        return new CustomPersistenceLayer();
      },
    };
  }

  function registered() {
    const later = laterFactory();
    const recorded = recordingRunner();
    describePersistenceContract('a store behind a server', later.factory, { runner: recorded.runner, supportsOwnership: false });
    later.startServer();
    const test = recorded.tests.get(renewal[0]!);
    if (!test) throw new Error('the renewal guarantee was not registered as a test');
    return test;
  }

  const reported = `${renewal[0]} — not supported by a store behind a server: it cannot renew claims (canRenewClaims() is false)`;

  it("is reported as a todo through node:test's test context", async () => {
    const todo = jest.fn();
    await registered()({ todo, skip: jest.fn() });
    expect(todo).toHaveBeenCalledWith(reported);
  });

  it("is reported as a skip with the reason through Vitest's test context", async () => {
    const skip = jest.fn();
    await registered()({ skip });
    expect(skip).toHaveBeenCalledWith(reported);
  });

  it('fails under Jest, which passes no test context, naming the option that declares the gap', async () => {
    await expect(registered()()).rejects.toThrow(
      new ContractConfigurationError(
        `${reported}. The suite saw it only when the test ran, because the factory could not make a layer when the suite was registered, and this runner cannot report a running test as a todo: declare supportsClaimRenewal: false and it is registered as a todo`
      )
    );
  });
});

describe('time', () => {
  it('gives Date its real time back after a check that moved it', async () => {
    await runContractCheck(contractCheck('claim succeeds over an expired record'), () => new MemoryPersistenceLayer());
    // performance is never faked, so it tells the real time; the check moved Date 61 s ahead.
    const realNow = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.now() - realNow)).toBeLessThan(5_000);
  });

  it('fakes Date alone: frozen and moved by the suite, while timers keep running for real', async () => {
    const clock = fakeDateClock();
    clock.freeze();
    try {
      const frozen = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(Date.now()).toBe(frozen);
      expect(new Date()).toEqual(new Date(frozen));
      clock.advance(61_000);
      expect(Date.now()).toBe(frozen + 61_000);
      expect(new Date(0).getTime()).toBe(0);
    } finally {
      clock.restore();
    }
    const realNow = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.now() - realNow)).toBeLessThan(1_000);
  });
});
