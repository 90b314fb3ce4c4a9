import type { IdempotencyRecordInterface } from '@idem/core';
import type { ContractCapabilities, ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { ownerKeptOrAbsent } from './fencing.js';
import { claimKey, describeRecord, expectRefusedClaim, fetchStored, leaseSlackMs, refusedOrFailed } from './support.js';

export const claimOnAbsentKey: ContractCheck = {
  guarantee: 'claim succeeds on an absent key',
  operation: 'claim',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key);
    const stored = await fetchStored(context, key, 'after the claim');
    if (stored.getStatus() !== 'INPROGRESS') failCheck(`the stored record is ${describeRecord(stored)}, not INPROGRESS`, 'claim');
    if (!ownerKeptOrAbsent(stored, claim)) {
      failCheck(`the stored ownerToken ${stored.ownerToken} is not the claim's ${claim.ownerToken}`, 'claim');
    }
  },
};

export const claimRefusedOnInProgress: ContractCheck = {
  guarantee: 'claim is refused on a live INPROGRESS record',
  operation: 'claim',
  async run(context) {
    const key = context.newKey();
    const first = await claimKey(context, key, { payloadHash: 'first-payload' });
    const existing = await expectRefusedClaim(context, key, 'a second claim of a claimed key', { payloadHash: 'second-payload' });
    if (existing.getStatus() !== 'INPROGRESS' || existing.payloadHash !== 'first-payload') {
      failCheck(`the existing record is ${describeRecord(existing)}, not the first claim's INPROGRESS record`, 'claim');
    }
    if (!ownerKeptOrAbsent(existing, first)) {
      failCheck(`the existing record's ownerToken ${existing.ownerToken} is not the first claim's ${first.ownerToken}`, 'claim');
    }
  },
};

export const claimRefusedOnCompleted: ContractCheck = {
  guarantee: 'claim is refused on a live COMPLETED record',
  operation: 'claim',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key, { payloadHash: 'payload' });
    await context.layer.complete(claim, { charged: 42 }, 3600);
    const existing = await expectRefusedClaim(context, key, 'a claim of a completed key', { payloadHash: 'payload' });
    if (existing.getStatus() !== 'COMPLETED' || JSON.stringify(existing.getResponse()) !== '{"charged":42}') {
      failCheck(
        `the existing record is ${describeRecord(existing)} with response ${JSON.stringify(existing.getResponse())}, not the COMPLETED one`,
        'claim'
      );
    }
  },
};

/** Why a store whose backend frees expired records on its own clock cannot be checked for claiming over them. */
export const needsReplacement = (capabilities: ContractCapabilities): string | undefined =>
  capabilities.replacesExpiredRecords
    ? undefined
    : "its claims cannot replace an expired record; the backend drops it on the backend's clock, which the suite does not move (replacesExpiredRecords: false)";

export const claimOverExpired: ContractCheck = {
  guarantee: 'claim succeeds over an expired record',
  operation: 'claim',
  unsupportedBecause: needsReplacement,
  async run(context) {
    const key = context.newKey();
    const first = await claimKey(context, key, { expiresAfterSeconds: 60 });
    await context.layer.complete(first, { attempt: 1 }, 60);
    context.advanceClock(61_000);
    let second: IdempotencyRecordInterface;
    try {
      second = await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim 61 s after a 60 s expiry ${refusedOrFailed(error)}`, 'claim');
    }
    const stored = await fetchStored(context, key, 'after the new claim');
    if (stored.getStatus() !== 'INPROGRESS')
      failCheck(`the stored record is ${describeRecord(stored)}, not the new claim`, 'claim');
    if (!ownerKeptOrAbsent(stored, second)) {
      failCheck(`the stored ownerToken ${stored.ownerToken} is not the new claim's ${second.ownerToken}`, 'claim');
    }
  },
};

export const claimOverLapsedLease: ContractCheck = {
  guarantee: 'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
  operation: 'claim',
  unsupportedBecause: needsReplacement,
  async run(context) {
    const key = context.newKey();
    const leaseMs = 5_000;
    await claimKey(context, key, { leaseMs });
    context.advanceClock(2_000);
    await expectRefusedClaim(context, key, 'a claim 2 s into a 5 s lease');
    context.advanceClock(leaseMs - 2_000 + leaseSlackMs(context) + 1);
    try {
      await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim after the 5 s lease had lapsed ${refusedOrFailed(error)}`, 'claim');
    }
  },
};

/** The shape of Powertools' claim primitive, as a subclass overrides it. */
type PutRecord = (this: unknown, record: IdempotencyRecordInterface) => Promise<void>;

export const claimsReachPutRecordOverride: ContractCheck = {
  guarantee: 'a subclass that overrides _putRecord sees every claim and every refusal',
  operation: 'claim',
  async run(context) {
    const layer = context.layer as unknown as { _putRecord?: PutRecord };
    const inherited = layer._putRecord;
    if (typeof inherited !== 'function')
      failCheck('the store has no _putRecord to override: extend BasePersistenceLayer', 'claim');
    const claimed: string[] = [];
    const refused: string[] = [];
    // As an auditing subclass would: the override is this instance's own, the store's below it.
    layer._putRecord = async function audited(record) {
      try {
        await inherited.call(this, record);
        claimed.push(record.idempotencyKey);
      } catch (error) {
        refused.push(record.idempotencyKey);
        throw error;
      }
    };
    try {
      const key = context.newKey();
      await claimKey(context, key, { payloadHash: 'payload' });
      const existing = await expectRefusedClaim(context, key, 'a repeated claim through the override', {
        payloadHash: 'payload',
      });
      if (existing.getStatus() !== 'INPROGRESS')
        failCheck(`the refusal carried ${describeRecord(existing)}, not the first claim`, 'claim');
      if (claimed.length !== 1 || refused.length !== 1) {
        failCheck(
          `the override saw ${claimed.length} claims and ${refused.length} refusals of 1 each: the store's claim skipped _putRecord`,
          'claim'
        );
      }
    } finally {
      delete layer._putRecord;
    }
  },
};
