import { createHash } from 'node:crypto';
import { IdempotencyRecordStatus } from '../constants.js';
import type { IdempotencyConfigInterface } from '../types/config.js';
import type { LambdaDurableContext } from '../types/durable.js';
import type { IdempotencyRecordInterface } from '../types/record.js';
import type { ClaimOptions, RequestIdentity } from '../types/store.js';
import { isLambdaContext } from './lambdaContext.js';

/**
 * True when the value is the `DurableContext` that `withDurableExecution` passes a handler:
 * recognised by the public members idem reads (a Lambda context and the execution's ARN), so
 * core needs no import of the durable SDK.
 */
export function isDurableContext(value: unknown): value is LambdaDurableContext {
  if (typeof value !== 'object' || value === null) return false;
  const { lambdaContext, executionContext } = value as Partial<LambdaDurableContext>;
  const arn = (executionContext as { durableExecutionArn?: unknown } | undefined)?.durableExecutionArn;
  return isLambdaContext(lambdaContext) && typeof arn === 'string' && arn !== '';
}

/**
 * The owner token of every claim a durable execution makes: a hash of its ARN, the same on each
 * of its invocations and replays and different for every other execution. Every other caller's
 * claims carry a token of their own (see `newOwnerToken`), so fencing holds against all of them.
 * Hashed so that the token has one length on every store and records do not spell out account
 * and function names.
 */
export function durableOwnerToken(durableExecutionArn: string): string {
  return `durable:${createHash('sha256').update(durableExecutionArn).digest('base64url')}`;
}

/**
 * The claim of a durable execution: owned by the execution, with a lease as long as the execution
 * may run (`durableExecutionTimeoutSeconds`), so it holds across every wait, and a record that
 * lives at least as long as the lease (else the record's own expiry would free the key during a
 * long wait). The lease is not tied to one invocation's remaining time, which ends at the first
 * wait, and it is not renewed: a stopped or timed-out execution frees its key when it lapses.
 */
export function durableClaimOptions(config: IdempotencyConfigInterface, context: LambdaDurableContext): Required<ClaimOptions> {
  const leaseSeconds = config.durableExecutionTimeoutSeconds;
  return {
    // One second more: the record's expiry is whole seconds, the lease's milliseconds.
    expiresAfterSeconds: Math.max(config.expiresAfterSeconds, Math.ceil(leaseSeconds) + 1),
    leaseMs: leaseSeconds * 1000,
    ownerToken: durableOwnerToken(context.executionContext.durableExecutionArn),
  };
}

/**
 * True when a live record that refused a durable execution's claim is that execution's own
 * claim, which a later invocation (a replay after a wait, a retried invocation) re-enters: still
 * in progress, owned by the execution, for the same payload. Any other record is answered as it
 * would be for any caller (in progress, replay, validation error).
 */
export function reentersOwnClaim(
  existing: IdempotencyRecordInterface,
  identity: RequestIdentity,
  ownerToken: string | undefined
): boolean {
  return (
    ownerToken !== undefined &&
    existing.getStatus() === IdempotencyRecordStatus.INPROGRESS &&
    existing.ownerToken === ownerToken &&
    (existing.payloadHash || undefined) === (identity.payloadHash || undefined)
  );
}
