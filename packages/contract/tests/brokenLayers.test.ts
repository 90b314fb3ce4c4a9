import {
  ContractViolation,
  contractCheck,
  type LayerFactory,
  type PersistenceContractOptions,
  persistenceContractChecks,
  runContractCheck,
} from '@idem/contract';
import { type BasePersistenceLayer, MemoryPersistenceLayer } from '@idem/core';
import {
  CheckThenWriteLayer,
  DeletesForAnyoneLayer,
  DropsPayloadHashLayer,
  ForeverMapLayer,
  IgnoresLeaseLayer,
  SilentRefusalLayer,
} from './support/brokenLayers.js';

interface BrokenStore {
  store: string;
  factory: LayerFactory<BasePersistenceLayer>;
  options?: PersistenceContractOptions<BasePersistenceLayer>;
  guarantee: string;
  detail: RegExp;
  /** Guarantees that fail too because they rest on the broken one. */
  alsoFails: string[];
}

const neverReclaimed: PersistenceContractOptions<BasePersistenceLayer> = {
  supportsClaimRenewal: false,
  expiryEnforcement: { kind: 'reclaim', isStored: async (layer, key) => (layer as ForeverMapLayer).records.has(key) },
};

const brokenStores: BrokenStore[] = [
  {
    store: 'a claim that reads, then writes in a second round trip',
    factory: () => new CheckThenWriteLayer(),
    guarantee: 'claim is atomic',
    detail: /^claim is atomic: 50 parallel claims of one key gave (?:[02-9]|\d{2,}) winners$/,
    alsoFails: ['makeIdempotent: concurrent duplicates run the function once'],
  },
  {
    store: 'a completion that drops the payload hash',
    factory: () => new DropsPayloadHashLayer(),
    guarantee: 'completion keeps the payload hash and sets the expiry',
    detail: /payloadHash undefined \(claimed with payload-hash\)/,
    alsoFails: [
      'makeIdempotent: a repeat call replays the first result',
      'makeIdempotent: concurrent duplicates run the function once',
    ],
  },
  {
    store: 'a store that ignores the in-progress expiry',
    factory: () => new IgnoresLeaseLayer(),
    guarantee: 'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
    detail: /a claim after the 5 s lease had lapsed was refused$/,
    alsoFails: [
      "a completion by a caller that lost its claim does not clobber the new owner's record",
      "a release by a caller that lost its claim does not delete the new owner's record",
      'renewal extends the in-progress expiry of the caller’s own claim',
      'renewal by a caller that lost its claim is refused and changes nothing',
    ],
  },
  {
    store: 'a store that never deletes expired records',
    factory: () => new ForeverMapLayer(),
    options: neverReclaimed,
    guarantee: 'records expire: the store enforces a TTL',
    detail: /a record 1 s past its expiry is still stored after another write/,
    alsoFails: [],
  },
  {
    store: 'a backend that sets no TTL',
    factory: () => new ForeverMapLayer(),
    options: { supportsClaimRenewal: false, expiryEnforcement: { kind: 'ttl', storedExpiryMs: async () => undefined } },
    guarantee: 'records expire: the store enforces a TTL',
    detail: /after the claim, the backend keeps the record forever/,
    alsoFails: [],
  },
  {
    store: 'a refusal without the existing record, from a store that says it returns it',
    factory: () => new SilentRefusalLayer(),
    guarantee: 'claim is refused on a live INPROGRESS record',
    detail: /the refusal carried no existingRecord \(set returnsExistingRecordOnConflict: false/,
    alsoFails: [
      'a subclass that overrides _putRecord sees every claim and every refusal',
      'claim is refused on a live COMPLETED record',
      'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
      'claim is atomic',
      'renewal extends the in-progress expiry of the caller’s own claim',
    ],
  },
  {
    store: 'a release that deletes whoever owns the record',
    factory: () => new DeletesForAnyoneLayer(),
    guarantee: "a release by a caller that lost its claim does not delete the new owner's record",
    detail: /the store holds no record instead of the new owner's claim/,
    alsoFails: [],
  },
];

describe('the suite against deliberately broken stores', () => {
  it.each(brokenStores)('fails $store on "$guarantee", naming the guarantee', async ({ factory, options, guarantee, detail }) => {
    const failure = await runContractCheck(contractCheck(guarantee), factory, options).then(
      () => undefined,
      (error: unknown) => error
    );
    expect(failure).toBeInstanceOf(ContractViolation);
    expect((failure as ContractViolation).guarantee).toBe(guarantee);
    expect((failure as ContractViolation).message.startsWith(`${guarantee}: `)).toBe(true);
    expect((failure as ContractViolation).message).toMatch(detail);
  });

  it('lets a store that cannot return the existing record pass once it says so', async () => {
    await expect(
      runContractCheck(contractCheck('claim is refused on a live INPROGRESS record'), () => new SilentRefusalLayer(), {
        returnsExistingRecordOnConflict: false,
      })
    ).resolves.toBeUndefined();
  });
});

/** The guarantees a store fails when every check runs against it. */
async function failedGuarantees(
  factory: LayerFactory<BasePersistenceLayer>,
  options?: PersistenceContractOptions<BasePersistenceLayer>
) {
  const failed: string[] = [];
  for (const check of persistenceContractChecks) {
    if (
      check.unsupportedBecause?.({
        supportsOwnership: true,
        supportsClaimRenewal: options?.supportsClaimRenewal ?? true,
        replacesExpiredRecords: options?.replacesExpiredRecords ?? true,
        customAttributeNames: false,
        expiryEnforcement: options?.expiryEnforcement?.kind,
      })
    )
      continue;
    await runContractCheck(check, factory, options).catch((error: unknown) => {
      if (!(error instanceof ContractViolation)) throw error;
      failed.push(error.guarantee);
    });
  }
  return failed;
}

describe('every check against every store', () => {
  it('passes the memory store on every guarantee', async () => {
    expect(await failedGuarantees(() => new MemoryPersistenceLayer())).toEqual([]);
  });

  it.each(brokenStores)(
    'fails $store on its broken guarantee and only on those resting on it',
    async ({ factory, options, guarantee, alsoFails }) => {
      // Broken claims let two calls run, and the engine warns when the loser's completion is refused.
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const failed = await failedGuarantees(factory, options).finally(() => warn.mockRestore());
      expect(failed.sort()).toEqual([guarantee, ...alsoFails].sort());
    }
  );
});
