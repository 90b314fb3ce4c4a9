import { IdempotencyClaimLostError } from '../errors.js';
import type { IdempotencyEvent } from '../types/events.js';
import type { IdempotencyRecordInterface } from '../types/record.js';
import type { IdempotencyStore } from '../types/store.js';

/**
 * Keeps claims alive while their functions run: every third of the lease, the claim's
 * in-progress expiry moves to a full lease from now. A renewal that finds the claim lost stops;
 * a failed one is reported and tried again at the next tick, while the lease still has time.
 */
export class ClaimRenewals {
  private readonly timers = new Map<IdempotencyRecordInterface, NodeJS.Timeout>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly emit: (event: IdempotencyEvent) => void
  ) {}

  public start(claim: IdempotencyRecordInterface, leaseMs: number): void {
    const timer = setInterval(() => void this.renew(claim, leaseMs), Math.max(1, Math.floor(leaseMs / 3)));
    timer.unref();
    this.timers.set(claim, timer);
  }

  public stop(claim: IdempotencyRecordInterface): void {
    clearInterval(this.timers.get(claim));
    this.timers.delete(claim);
  }

  private async renew(claim: IdempotencyRecordInterface, leaseMs: number): Promise<void> {
    const started = performance.now();
    try {
      await this.store.renew(claim, leaseMs);
    } catch (error) {
      // A renewal that was in flight when the call finished says nothing about the claim.
      if (!this.timers.has(claim)) return;
      if (error instanceof IdempotencyClaimLostError) {
        this.stop(claim);
        this.emit({ type: 'claimLost', idempotencyKey: claim.idempotencyKey });
        return;
      }
      this.emit({
        type: 'storeError',
        idempotencyKey: claim.idempotencyKey,
        operation: 'renew',
        errorName: (error as Error)?.name ?? 'Error',
        durationMs: performance.now() - started,
      });
    }
  }
}
