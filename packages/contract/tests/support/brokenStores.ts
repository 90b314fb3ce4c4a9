import type { LayerFactory, PersistenceContractOptions } from '@idem/contract';
import type { BasePersistenceLayer } from '@idem/core';
import {
  CheckThenWriteLayer,
  DeletesForAnyoneLayer,
  DropsPayloadHashLayer,
  ForeverMapLayer,
  IgnoresLeaseLayer,
  SilentRefusalLayer,
} from './brokenLayers.js';

/**
 * A store that breaks one guarantee, and what the suite must say about it. The suite's own tests
 * hold these in Jest (tests/brokenLayers.test.ts) and in every other runner
 * (internal/contract-runners).
 */
export interface BrokenStore {
  store: string;
  factory: LayerFactory<BasePersistenceLayer>;
  options?: PersistenceContractOptions<BasePersistenceLayer>;
  /** The guarantee it breaks. */
  guarantee: string;
  /** What the failure of that guarantee says. */
  detail: RegExp;
  /** The primitive the failure names, as the store implements it. */
  primitive: string;
  /** Guarantees that fail too because they rest on the broken one. */
  alsoFails: string[];
}

const neverReclaimed: PersistenceContractOptions<BasePersistenceLayer> = {
  expiryEnforcement: { kind: 'reclaim', isStored: async (layer, key) => (layer as ForeverMapLayer).records.has(key) },
};

export const brokenStores: BrokenStore[] = [
  {
    store: 'a claim that reads, then writes in a second round trip',
    factory: () => new CheckThenWriteLayer(),
    guarantee: 'claim is atomic',
    detail:
      /^claim is atomic: 50 parallel claims of one key gave (?:[02-9]|\d{2,}) winners — _putRecord must write the INPROGRESS claim, with its ownerToken, in one atomic step/,
    primitive: '_putRecord',
    alsoFails: ['makeIdempotent: concurrent duplicates run the function once'],
  },
  {
    store: 'a completion that drops the payload hash',
    factory: () => new DropsPayloadHashLayer(),
    guarantee: 'completion keeps the payload hash and sets the expiry',
    detail:
      /payloadHash undefined \(claimed with payload-hash\) — _updateRecord must write the COMPLETED record \(response, payload hash, expiry\)/,
    primitive: '_updateRecord',
    alsoFails: [
      'makeIdempotent: a repeat call replays the first result',
      'makeIdempotent: concurrent duplicates run the function once',
    ],
  },
  {
    store: 'a store that ignores the in-progress expiry',
    factory: () => new IgnoresLeaseLayer(),
    guarantee: 'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
    detail:
      /a claim after the 5 s lease had lapsed was refused — _putRecord must .* an INPROGRESS one whose in-progress expiry has passed/,
    primitive: '_putRecord',
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
    detail:
      /a record 1 s past its expiry is still stored after another write — _putRecord and _updateRecord must give the backend each record's expiry/,
    primitive: '_putRecord',
    alsoFails: [],
  },
  {
    store: 'a backend that sets no TTL',
    factory: () => new ForeverMapLayer(),
    options: { expiryEnforcement: { kind: 'ttl', storedExpiryMs: async () => undefined } },
    guarantee: 'records expire: the store enforces a TTL',
    detail: /after the claim, the backend keeps the record forever \(no expiry\) — _putRecord and _updateRecord must/,
    primitive: '_putRecord',
    alsoFails: [],
  },
  {
    store: 'a refusal without the existing record, from a store that says it returns it',
    factory: () => new SilentRefusalLayer(),
    guarantee: 'claim is refused on a live INPROGRESS record',
    detail: /the refusal carried no existingRecord \(set returnsExistingRecordOnConflict: false.* — _putRecord must/,
    primitive: '_putRecord',
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
    detail:
      /the store holds no record instead of the new owner's claim .* — _deleteRecord must delete the record only if the stored ownerToken is record\.ownerToken/,
    primitive: '_deleteRecord',
    alsoFails: [],
  },
];
