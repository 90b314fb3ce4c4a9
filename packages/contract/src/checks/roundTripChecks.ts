import type { ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { ownerKeptOrAbsent } from './fencing.js';
import { jsonEqual } from './jsonEqual.js';
import { jsonShapes, largeResponse } from './jsonShapes.js';
import { claimKey, describeRecord, fetchStored, leaseSlackMs } from './support.js';

export const claimRoundTrip: ContractCheck = {
  guarantee: 'a claim round-trips every field',
  operation: 'claim',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key, {
      payloadHash: 'payload-hash-0123456789abcdef',
      expiresAfterSeconds: 1234,
      leaseMs: 45_678,
    });
    const stored = await fetchStored(context, key, 'after the claim');
    const wrong: string[] = [];
    if (stored.idempotencyKey !== key) wrong.push(`idempotencyKey ${stored.idempotencyKey}`);
    if (stored.getStatus() !== 'INPROGRESS') wrong.push(`status ${stored.getStatus()}`);
    if (stored.expiryTimestamp !== claim.expiryTimestamp)
      wrong.push(`expiryTimestamp ${stored.expiryTimestamp} (claimed ${claim.expiryTimestamp})`);
    const leaseDrift = Math.abs((stored.inProgressExpiryTimestamp ?? Number.NaN) - (claim.inProgressExpiryTimestamp ?? 0));
    if (!(leaseDrift <= leaseSlackMs(context))) {
      wrong.push(`inProgressExpiryTimestamp ${stored.inProgressExpiryTimestamp} (claimed ${claim.inProgressExpiryTimestamp})`);
    }
    if (stored.payloadHash !== claim.payloadHash) wrong.push(`payloadHash ${stored.payloadHash}`);
    if (!ownerKeptOrAbsent(stored, claim)) wrong.push(`ownerToken ${stored.ownerToken}`);
    if (stored.responseData !== undefined) wrong.push(`responseData ${JSON.stringify(stored.responseData)} on a claim`);
    // What the claim wrote, as _getRecord reads it back: either primitive may drop a field.
    if (wrong.length > 0)
      failCheck(`read back ${wrong.join(', ')} (written by the claim, read by ${context.primitiveName('fetch')})`, 'claim');
  },
};

export const responseRoundTrip: ContractCheck = {
  guarantee: 'response data round-trips in every JSON shape',
  operation: 'complete',
  async run(context) {
    const mismatches = await Promise.all(
      jsonShapes.map(async ({ name, value }) => {
        const key = context.newKey();
        await context.layer.complete(await claimKey(context, key), value, 3600);
        const stored = await fetchStored(context, key, `after completing with ${name}`);
        return jsonEqual(stored.getResponse(), value) ? [] : [`${name} read back as ${preview(stored.getResponse())}`];
      })
    );
    const wrong = mismatches.flat();
    if (wrong.length > 0) failCheck(wrong.join('; '), 'complete');
  },
};

const largeResponseBytes = 300 * 1024;

export const largeResponseRoundTrip: ContractCheck = {
  guarantee: 'a response of 300 KB round-trips',
  operation: 'complete',
  async run(context) {
    const key = context.newKey();
    const value = largeResponse(largeResponseBytes);
    await context.layer.complete(await claimKey(context, key), value, 3600);
    const stored = await fetchStored(context, key, 'after completing with 300 KB');
    if (stored.getStatus() !== 'COMPLETED') failCheck(`the stored record is ${describeRecord(stored)}`, 'complete');
    if (!jsonEqual(stored.getResponse(), value)) {
      failCheck(
        `read back ${Buffer.byteLength(JSON.stringify(stored.getResponse() ?? null))} bytes that differ from the ${largeResponseBytes} stored`,
        'complete'
      );
    }
  },
};

function preview(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
