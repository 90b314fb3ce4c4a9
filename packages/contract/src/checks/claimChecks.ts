import { failCheck } from '../ContractViolation.js';
import type { ContractCheck } from '../ContractCheck.js';
import { claimKey, describeRecord, expectRefusedClaim, fetchStored, leaseSlackMs } from './support.js';

export const claimOnAbsentKey: ContractCheck = {
  guarantee: 'claim succeeds on an absent key',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key);
    const stored = await fetchStored(context, key, 'after the claim');
    if (stored.getStatus() !== 'INPROGRESS') failCheck(`the stored record is ${describeRecord(stored)}, not INPROGRESS`);
    if (context.options.supportsOwnership && stored.ownerToken !== claim.ownerToken) {
      failCheck(`the stored ownerToken ${stored.ownerToken} is not the claim's ${claim.ownerToken}`);
    }
  },
};

export const claimRefusedOnInProgress: ContractCheck = {
  guarantee: 'claim is refused on a live INPROGRESS record',
  async run(context) {
    const key = context.newKey();
    const first = await claimKey(context, key, { payloadHash: 'first-payload' });
    const existing = await expectRefusedClaim(context, key, 'a second claim of a claimed key', { payloadHash: 'second-payload' });
    if (existing.getStatus() !== 'INPROGRESS' || existing.payloadHash !== 'first-payload') {
      failCheck(`the existing record is ${describeRecord(existing)}, not the first claim's INPROGRESS record`);
    }
    if (context.options.supportsOwnership && existing.ownerToken !== first.ownerToken) {
      failCheck(`the existing record's ownerToken ${existing.ownerToken} is not the first claim's ${first.ownerToken}`);
    }
  },
};

export const claimRefusedOnCompleted: ContractCheck = {
  guarantee: 'claim is refused on a live COMPLETED record',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key, { payloadHash: 'payload' });
    await context.layer.complete(claim, { charged: 42 }, 3600);
    const existing = await expectRefusedClaim(context, key, 'a claim of a completed key', { payloadHash: 'payload' });
    if (existing.getStatus() !== 'COMPLETED' || JSON.stringify(existing.getResponse()) !== '{"charged":42}') {
      failCheck(`the existing record is ${describeRecord(existing)} with response ${JSON.stringify(existing.getResponse())}, not the COMPLETED one`);
    }
  },
};

export const claimOverExpired: ContractCheck = {
  guarantee: 'claim succeeds over an expired record',
  async run(context) {
    const key = context.newKey();
    const first = await claimKey(context, key, { expiresAfterSeconds: 60 });
    await context.layer.complete(first, { attempt: 1 }, 60);
    context.advanceClock(61_000);
    let second;
    try {
      second = await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim 61 s after a 60 s expiry was refused with ${(error as Error).name}`);
    }
    const stored = await fetchStored(context, key, 'after the new claim');
    if (stored.getStatus() !== 'INPROGRESS') failCheck(`the stored record is ${describeRecord(stored)}, not the new claim`);
    if (context.options.supportsOwnership && stored.ownerToken !== second.ownerToken) {
      failCheck(`the stored ownerToken ${stored.ownerToken} is not the new claim's ${second.ownerToken}`);
    }
  },
};

export const claimOverLapsedLease: ContractCheck = {
  guarantee: 'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
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
      failCheck(`a claim after the 5 s lease had lapsed was refused with ${(error as Error).name}`);
    }
  },
};
