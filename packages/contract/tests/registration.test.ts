import {
  ContractConfigurationError,
  contractCheck,
  describePersistenceContract,
  persistenceContractChecks,
  runContractCheck,
} from '@idem/contract';
import { MemoryPersistenceLayer } from '@idem/core';

// Registered while Jest collects this file, so the spy sees what the suite reports as todo.
const todo = jest.spyOn(it, 'todo');
describePersistenceContract('a store without ownership', () => new MemoryPersistenceLayer(), {
  supportsOwnership: false,
  returnsExistingRecordOnConflict: false,
});
const reportedTodos = todo.mock.calls.map(([name]) => name);
todo.mockRestore();

describe('what the suite registers', () => {
  it('reports each guarantee a store cannot be checked for as a todo naming the store and the reason', () => {
    expect(reportedTodos).toEqual([
      "a completion by a caller that lost its claim does not clobber the new owner's record — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)",
      "a release by a caller that lost its claim does not delete the new owner's record — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)",
      'renewal by a caller that lost its claim is refused and changes nothing — not supported by a store without ownership: it keeps no owner token (supportsOwnership: false)',
      'custom attribute names round-trip — not supported by a store without ownership: no attribute names to set (no factoryWithAttributes option)',
      'records expire: the store enforces a TTL — not supported by a store without ownership: the suite cannot see the backend expire records (no expiryEnforcement option)',
    ]);
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

  it('refuses to run a check the store cannot be checked for, instead of passing it', async () => {
    await expect(
      runContractCheck(contractCheck('custom attribute names round-trip'), () => new MemoryPersistenceLayer())
    ).rejects.toThrow(ContractConfigurationError);
  });

  it('gives Date its real time back after a check that moved it', async () => {
    await runContractCheck(contractCheck('claim succeeds over an expired record'), () => new MemoryPersistenceLayer());
    // performance is never faked, so it tells the real time; the check moved Date 61 s ahead.
    const realNow = performance.timeOrigin + performance.now();
    expect(Math.abs(Date.now() - realNow)).toBeLessThan(5_000);
  });
});
