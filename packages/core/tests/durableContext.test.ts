import { durableOwnerToken, IdempotencyConfig, IdempotencyRecordStatus, isDurableContext, isLambdaContext } from '@idem/core';
import { IdempotencyRecord } from '@idem/core/persistence';
import type { IdempotencyRecordStatusValue, LambdaDurableContext } from '@idem/core/types';
import { durableClaimOptions, reentersOwnClaim } from '../src/engine/durableContext.js';
import { lambdaContext } from './helpers/lambdaContext.js';

// The durable SDK itself runs in internal/durable-tests; here are the rules on plain values, as
// the SDK's DurableContext presents them (its public members).

const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:orders:$LATEST/durable-execution/order-42/5f0c';

function durableContext(durableExecutionArn: unknown = arn): LambdaDurableContext {
  return { lambdaContext: lambdaContext(900_000), executionContext: { durableExecutionArn } } as LambdaDurableContext;
}

describe('isDurableContext', () => {
  it('recognises a durable context by its Lambda context and execution ARN', () => {
    expect(isDurableContext(durableContext())).toBe(true);
  });

  it.each([
    ['a Lambda context', lambdaContext(1000)],
    ['an empty execution ARN', durableContext('')],
    ['an execution ARN that is no string', durableContext(42)],
    ['no execution context', { lambdaContext: lambdaContext(1000) }],
    ['a lambdaContext that is no Lambda context', { lambdaContext: {}, executionContext: { durableExecutionArn: arn } }],
    ['null', null],
    ['a string', arn],
  ])('does not take %s for one', (_label, value) => {
    expect(isDurableContext(value)).toBe(false);
  });

  it('is no Lambda context itself, so a durable handler is never taken for a plain one', () => {
    expect(isLambdaContext(durableContext())).toBe(false);
  });
});

describe('durableOwnerToken', () => {
  it('is the same for every invocation of one execution and differs between executions', () => {
    expect(durableOwnerToken(arn)).toBe(durableOwnerToken(`${arn}`));
    expect(durableOwnerToken(arn)).not.toBe(durableOwnerToken(`${arn.slice(0, -1)}d`));
  });

  it('does not spell out the ARN and has one length whatever the ARN', () => {
    expect(durableOwnerToken(arn)).not.toContain('123456789012');
    expect(durableOwnerToken('x').length).toBe(durableOwnerToken(arn.repeat(20)).length);
  });
});

describe('durableClaimOptions', () => {
  it('leases the claim for durableExecutionTimeoutSeconds, owned by the execution', () => {
    const config = new IdempotencyConfig({ durableExecutionTimeoutSeconds: 86_400 });
    expect(durableClaimOptions(config, durableContext())).toEqual({
      leaseMs: 86_400_000,
      expiresAfterSeconds: 86_401,
      ownerToken: durableOwnerToken(arn),
    });
  });

  it('keeps the record as long as the lease, or longer when expiresAfterSeconds says so', () => {
    const defaults = durableClaimOptions(new IdempotencyConfig({}), durableContext());
    expect(defaults.leaseMs).toBe(31_622_400_000);
    expect(defaults.expiresAfterSeconds * 1000).toBeGreaterThan(defaults.leaseMs);
    const longLived = new IdempotencyConfig({ durableExecutionTimeoutSeconds: 60, expiresAfterSeconds: 7200 });
    expect(durableClaimOptions(longLived, durableContext()).expiresAfterSeconds).toBe(7200);
  });
});

describe('reentersOwnClaim', () => {
  const ownerToken = durableOwnerToken(arn);
  const identity = { idempotencyKey: 'orders#k', payloadHash: 'h-1' };

  function record(status: IdempotencyRecordStatusValue, fields: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
    return new IdempotencyRecord({
      idempotencyKey: 'orders#k',
      status,
      expiryTimestamp: Math.floor(Date.now() / 1000) + 3600,
      inProgressExpiryTimestamp: Date.now() + 60_000,
      payloadHash: 'h-1',
      ownerToken,
      ...fields,
    });
  }

  it('re-enters the execution’s own claim, still in progress, for the same payload', () => {
    expect(reentersOwnClaim(record(IdempotencyRecordStatus.INPROGRESS), identity, ownerToken)).toBe(true);
  });

  it('re-enters without payload validation, whether the store kept no hash or an empty one', () => {
    const noHash = { idempotencyKey: 'orders#k' };
    expect(reentersOwnClaim(record(IdempotencyRecordStatus.INPROGRESS, { payloadHash: undefined }), noHash, ownerToken)).toBe(
      true
    );
    expect(reentersOwnClaim(record(IdempotencyRecordStatus.INPROGRESS, { payloadHash: '' }), noHash, ownerToken)).toBe(true);
  });

  it.each([
    ['another execution’s claim', record(IdempotencyRecordStatus.INPROGRESS, { ownerToken: durableOwnerToken('other') })],
    ['a plain caller’s claim', record(IdempotencyRecordStatus.INPROGRESS, { ownerToken: 'b0c3e1f2-uuid' })],
    ['a claim of a store that keeps no owner token', record(IdempotencyRecordStatus.INPROGRESS, { ownerToken: undefined })],
    ['its own claim for another payload', record(IdempotencyRecordStatus.INPROGRESS, { payloadHash: 'h-2' })],
    [
      'its own claim without a hash where the call has one',
      record(IdempotencyRecordStatus.INPROGRESS, { payloadHash: undefined }),
    ],
    ['its own completed record', record(IdempotencyRecordStatus.COMPLETED)],
    ['its own expired claim', record(IdempotencyRecordStatus.INPROGRESS, { expiryTimestamp: 1 })],
  ])('does not re-enter %s', (_label, existing) => {
    expect(reentersOwnClaim(existing, identity, ownerToken)).toBe(false);
  });

  it('never re-enters for a caller that is no durable execution', () => {
    expect(reentersOwnClaim(record(IdempotencyRecordStatus.INPROGRESS), identity, undefined)).toBe(false);
  });
});
