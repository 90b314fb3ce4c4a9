import { ContractViolation, contractCheck, runContractCheck } from '@idem/contract';
import { MemoryPersistenceLayer } from '@idem/core';
import { SilentRefusalLayer } from './support/brokenLayers.js';
import { brokenStores } from './support/brokenStores.js';
import { violations } from './support/violations.js';

describe('the suite against deliberately broken stores', () => {
  it.each(brokenStores)(
    'fails $store on "$guarantee", naming the guarantee and $primitive',
    async ({ factory, options, guarantee, detail, primitive }) => {
      const failure = await runContractCheck(contractCheck(guarantee), factory, options).then(
        () => undefined,
        (error: unknown) => error
      );
      expect(failure).toBeInstanceOf(ContractViolation);
      expect((failure as ContractViolation).guarantee).toBe(guarantee);
      expect((failure as ContractViolation).message.startsWith(`${guarantee}: `)).toBe(true);
      expect((failure as ContractViolation).message).toMatch(detail);
      expect((failure as ContractViolation).primitive).toBe(primitive);
    }
  );

  it('lets a store that cannot return the existing record pass once it says so', async () => {
    await expect(
      runContractCheck(contractCheck('claim is refused on a live INPROGRESS record'), () => new SilentRefusalLayer(), {
        returnsExistingRecordOnConflict: false,
      })
    ).resolves.toBeUndefined();
  });
});

describe('every check against every store', () => {
  it('passes the memory store on every guarantee', async () => {
    expect([...(await violations(() => new MemoryPersistenceLayer())).keys()]).toEqual([]);
  });

  it.each(brokenStores)(
    'fails $store on its broken guarantee and only on those resting on it, each naming a primitive',
    async ({ factory, options, guarantee, alsoFails }) => {
      // Broken claims let two calls run, and the engine warns when the loser's completion is refused.
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const found = await violations(factory, options).finally(() => warn.mockRestore());
      expect([...found.keys()].sort()).toEqual([guarantee, ...alsoFails].sort());
      for (const violation of found.values())
        expect(violation.message).toMatch(/ — (_\w+|claim|fetch|complete|release|renew)\b.* must /);
    }
  );
});
