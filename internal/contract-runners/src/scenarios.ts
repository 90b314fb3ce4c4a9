import { describePersistenceContract } from '@idem/contract';
import { type BasePersistenceLayer, MemoryPersistenceLayer } from '@idem/core';
import { brokenStores } from '../../../packages/contract/tests/support/brokenStores.js';
import { describeKeyValueOverHttp } from '../../../packages/contract/tests/support/keyValueOverHttp.js';
import { CustomPersistenceLayer } from '../../../packages/contract/tests/support/seedSampleLayer.js';
import { type Expected, type RunnerKit, type Scenario, scenario } from './scenario.js';

// Every registration the runners make, with what each of their tests must come out as. Each
// runner's entry (src/entries/) calls registerScenarios with its own describe, it and hooks.

const g = {
  staleCompletion: "a completion by a caller that lost its claim does not clobber the new owner's record",
  staleRelease: "a release by a caller that lost its claim does not delete the new owner's record",
  renewal: 'renewal extends the in-progress expiry of the caller’s own claim',
  staleRenewal: 'renewal by a caller that lost its claim is refused and changes nothing',
  attributeNames: 'custom attribute names round-trip',
  ttl: 'records expire: the store enforces a TTL',
};

const todo = (...guarantees: string[]): Record<string, Expected> =>
  Object.fromEntries(guarantees.map((guarantee) => [guarantee, 'todo' as const]));

/** The memory store drops expired records on writes; its Map is private, so the probe peeks. */
const memoryReclaims = {
  kind: 'reclaim' as const,
  isStored: async (layer: MemoryPersistenceLayer, key: string) =>
    (layer as unknown as { records: Map<string, unknown> }).records.has(key),
};

/** The seed sample behind a server that starts in beforeAll: the factory cannot make a layer at registration. */
function seedSampleBehindAServer(kit: RunnerKit, name: string) {
  let started = false;
  kit.beforeAll(() => {
    started = true;
  });
  describePersistenceContract(
    name,
    () => {
      if (!started) throw new Error('the server is not started yet');
      return new CustomPersistenceLayer();
    },
    { runner: kit.runner, supportsOwnership: false }
  );
}

export const scenarios: Scenario[] = [
  scenario('MemoryPersistenceLayer', todo(g.attributeNames), (kit, name) =>
    describePersistenceContract(name, () => new MemoryPersistenceLayer(), {
      runner: kit.runner,
      expiryEnforcement: memoryReclaims,
    })
  ),
  scenario('MemoryPersistenceLayer, fenced and renewable, no options', todo(g.attributeNames, g.ttl), (kit, name) =>
    describePersistenceContract(name, () => new MemoryPersistenceLayer(), { runner: kit.runner })
  ),
  scenario(
    'MemoryPersistenceLayer through the global describe and it',
    todo(g.attributeNames, g.ttl),
    (_kit, name) => describePersistenceContract(name, () => new MemoryPersistenceLayer()),
    { needsGlobals: true }
  ),
  scenario(
    'the seed sample, its missing fencing declared',
    todo(g.staleCompletion, g.staleRelease, g.renewal, g.staleRenewal, g.attributeNames, g.ttl),
    (kit, name) =>
      describePersistenceContract(name, () => new CustomPersistenceLayer(), { runner: kit.runner, supportsOwnership: false })
  ),
  scenario(
    'the seed sample under the defaults',
    {
      ...todo(g.renewal, g.staleRenewal, g.attributeNames, g.ttl),
      [g.staleCompletion]: 'failed',
      [g.staleRelease]: 'failed',
    },
    (kit, name) => describePersistenceContract(name, () => new CustomPersistenceLayer(), { runner: kit.runner }),
    {
      messages: {
        [g.staleCompletion]:
          /The store keeps no owner token.*_putRecord stores it with the claim; _updateRecord writes only if.*supportsOwnership: false/s,
        [g.staleRelease]: /The store keeps no owner token.*_deleteRecord deletes only if it is.*supportsOwnership: false/s,
      },
    }
  ),
  scenario(
    'the seed sample behind a server that starts later',
    { ...todo(g.staleCompletion, g.staleRelease, g.staleRenewal, g.attributeNames, g.ttl), [g.renewal]: 'runTimeGap' },
    seedSampleBehindAServer,
    {
      messages: {
        [g.renewal]: /it cannot renew claims \(canRenewClaims\(\) is false\)\. .*declare supportsClaimRenewal: false/s,
      },
    }
  ),
  scenario('KeyValuePersistenceLayer over HTTP', {}, (kit, name) => describeKeyValueOverHttp(name, kit, kit.runner)),
  // docs/custom-store.md's store, registered by the walk-through's own test file for Jest or
  // Vitest, which the runner's entry imports as a reader would run it.
  scenario('KeyValuePersistenceLayer', {}, () => {}, { families: ['jest', 'vitest'] }),
  ...brokenStores.map((broken) => {
    // What the suite cannot check for these stores, as it reports it: no attribute names, no
    // expiry probe unless given, and no renewal for the one store without _extendRecord.
    const unchecked = [g.attributeNames, ...(broken.options?.expiryEnforcement ? [] : [g.ttl])];
    if (!(broken.factory() as BasePersistenceLayer).canRenewClaims()) unchecked.push(g.renewal, g.staleRenewal);
    const failed = Object.fromEntries([broken.guarantee, ...broken.alsoFails].map((guarantee) => [guarantee, 'failed' as const]));
    return scenario(
      `broken: ${broken.store}`,
      { ...todo(...unchecked), ...failed },
      (kit, name) => describePersistenceContract(name, broken.factory, { ...broken.options, runner: kit.runner }),
      { messages: { [broken.guarantee]: broken.detail } }
    );
  }),
];

/** Registers every scenario this runner can run. */
export function registerScenarios(kit: RunnerKit): void {
  for (const each of scenarios) if (each.runsIn(kit.family, kit.hasGlobals)) each.register(kit);
}
