import type { ContractCheck, ContractContext } from '../ContractCheck.js';
import { CheckFailure, failCheck } from '../ContractViolation.js';
import type { StoreOperation } from '../primitives.js';
import { claimKey, describeRecord, fetchOrUndefined } from './support.js';

/** A backend expiry this far from the record's still counts: clock skew and rounding to seconds. */
const backendExpiryToleranceMs = 2_000;

export const storeEnforcesTtl: ContractCheck = {
  guarantee: 'records expire: the store enforces a TTL',
  operation: 'claim',
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
      await expectBackendExpiry(context, await probe.storedExpiryMs(key), claimExpiryMs, 'after the claim', 'claim');
      context.advanceClock(100_000);
      const completed = await context.layer.complete(claim, { ok: true }, 900);
      await expectBackendExpiry(
        context,
        await probe.storedExpiryMs(key),
        (completed.expiryTimestamp ?? Number.NaN) * 1000,
        'after completion',
        'complete'
      );
      return;
    }
    const expiring = context.newKey();
    await context.layer.complete(await claimKey(context, expiring, { expiresAfterSeconds: 60 }), { ok: true }, 60);
    context.advanceClock(61_000);
    // The store gets a write to reclaim on, as a busy store would.
    await claimKey(context, context.newKey());
    if (await probe.isStored(expiring))
      failExpiry(context, 'a record 1 s past its expiry is still stored after another write', 'claim');
  },
};

/** The write that set the backend's expiry, `operation`, must set it from the record's expiry. */
async function expectBackendExpiry(
  context: ContractContext,
  backendMs: number | undefined,
  expectedMs: number,
  when: string,
  operation: StoreOperation
) {
  if (backendMs === undefined) failExpiry(context, `${when}, the backend keeps the record forever (no expiry)`, operation);
  if (!(Math.abs(backendMs - expectedMs) <= backendExpiryToleranceMs)) {
    failExpiry(
      context,
      `${when}, the backend drops the record at ${new Date(backendMs).toISOString()}, not at ${new Date(expectedMs).toISOString()}`,
      operation
    );
  }
}

/** A record the backend keeps too long (or forever): the writes must hand it the record's expiry. */
function failExpiry(context: ContractContext, detail: string, operation: StoreOperation): never {
  const writes = `${context.primitiveName('claim')} and ${context.primitiveName('complete')}`;
  throw new CheckFailure(
    `${detail} — ${writes} must give the backend each record's expiry (a TTL at expiryTimestamp), or the store must drop expired records itself, so that no record lives forever`,
    operation,
    true
  );
}

export const expiredReadsExpired: ContractCheck = {
  guarantee: 'an expired record reads as expired',
  operation: 'fetch',
  async run(context) {
    const key = context.newKey();
    await context.layer.complete(await claimKey(context, key, { expiresAfterSeconds: 60 }), { ok: true }, 60);
    context.advanceClock(61_000);
    const stored = await fetchOrUndefined(context, key);
    if (stored && stored.getStatus() !== 'EXPIRED')
      failCheck(`1 s past its expiry the record reads as ${describeRecord(stored)}`, 'fetch');
  },
};
