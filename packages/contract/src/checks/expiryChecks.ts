import type { ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { claimKey, describeRecord, fetchOrUndefined } from './support.js';

/** A backend expiry this far from the record's still counts: clock skew and rounding to seconds. */
const backendExpiryToleranceMs = 2_000;

export const storeEnforcesTtl: ContractCheck = {
  guarantee: 'records expire: the store enforces a TTL',
  unsupportedBecause: (capabilities) =>
    capabilities.expiryEnforcement ? undefined : 'the suite cannot see the backend expire records (no expiryEnforcement option)',
  async run(context) {
    const probe = context.expiryEnforcement;
    if (!probe) return failCheck('no expiryEnforcement probe');
    if (probe.kind === 'ttl') {
      const key = context.newKey();
      const claim = await claimKey(context, key, { expiresAfterSeconds: 600 });
      // A store that cannot replace a lapsed claim lets the backend drop it when its lease ends.
      const claimExpiryMs = context.options.replacesExpiredRecords
        ? (claim.expiryTimestamp ?? Number.NaN) * 1000
        : Math.min((claim.expiryTimestamp ?? Number.NaN) * 1000, claim.inProgressExpiryTimestamp ?? Number.NaN);
      await expectBackendExpiry(await probe.storedExpiryMs(key), claimExpiryMs, 'after the claim');
      context.advanceClock(100_000);
      const completed = await context.layer.complete(claim, { ok: true }, 900);
      await expectBackendExpiry(
        await probe.storedExpiryMs(key),
        (completed.expiryTimestamp ?? Number.NaN) * 1000,
        'after completion'
      );
      return;
    }
    const expiring = context.newKey();
    await context.layer.complete(await claimKey(context, expiring, { expiresAfterSeconds: 60 }), { ok: true }, 60);
    context.advanceClock(61_000);
    // The store gets a write to reclaim on, as a busy store would.
    await claimKey(context, context.newKey());
    if (await probe.isStored(expiring)) failCheck('a record 1 s past its expiry is still stored after another write');
  },
};

async function expectBackendExpiry(backendMs: number | undefined, expectedMs: number, when: string) {
  if (backendMs === undefined) failCheck(`${when}, the backend keeps the record forever (no expiry)`);
  if (!(Math.abs(backendMs - expectedMs) <= backendExpiryToleranceMs)) {
    failCheck(
      `${when}, the backend drops the record at ${new Date(backendMs).toISOString()}, not at ${new Date(expectedMs).toISOString()}`
    );
  }
}

export const expiredReadsExpired: ContractCheck = {
  guarantee: 'an expired record reads as expired',
  async run(context) {
    const key = context.newKey();
    await context.layer.complete(await claimKey(context, key, { expiresAfterSeconds: 60 }), { ok: true }, 60);
    context.advanceClock(61_000);
    const stored = await fetchOrUndefined(context, key);
    if (stored && stored.getStatus() !== 'EXPIRED')
      failCheck(`1 s past its expiry the record reads as ${describeRecord(stored)}`);
  },
};
