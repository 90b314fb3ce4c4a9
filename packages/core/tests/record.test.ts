import { IdempotencyInvalidStatusError, IdempotencyRecord } from '@idem/core';
import type { IdempotencyRecordStatusValue } from '@idem/core/types';
import { advanceClock, fakeDate, restoreDate, testEpochMs } from './helpers/clock.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('IdempotencyRecord', () => {
  beforeEach(() => fakeDate());
  afterEach(restoreDate);

  it('keeps the options it is built from', () => {
    const record = new IdempotencyRecord({
      idempotencyKey: 'charge#abc',
      status: 'COMPLETED',
      sortKey: 'sk',
      expiryTimestamp: nowSeconds() + 60,
      inProgressExpiryTimestamp: testEpochMs + 1000,
      responseData: { statusCode: 200 },
      payloadHash: 'def',
    });

    expect(record).toMatchObject({
      idempotencyKey: 'charge#abc',
      sortKey: 'sk',
      expiryTimestamp: nowSeconds() + 60,
      inProgressExpiryTimestamp: testEpochMs + 1000,
      payloadHash: 'def',
    });
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual({ statusCode: 200 });
  });

  it.each(['INPROGRESS', 'COMPLETED'] as const)('a live %s record reports its stored status', (status) => {
    const record = new IdempotencyRecord({ idempotencyKey: 'k', status, expiryTimestamp: nowSeconds() + 10 });
    expect(record.getStatus()).toBe(status);
    expect(record.isExpired()).toBe(false);
  });

  it.each(['INPROGRESS', 'COMPLETED'] as const)('a %s record reports EXPIRED once its expiry has passed', (status) => {
    const record = new IdempotencyRecord({ idempotencyKey: 'k', status, expiryTimestamp: nowSeconds() + 10 });

    advanceClock(9.999);
    expect(record.getStatus()).toBe(status);
    advanceClock(0.001);
    expect(record.isExpired()).toBe(true);
    expect(record.getStatus()).toBe('EXPIRED');
  });

  it('a record without an expiry never expires', () => {
    const record = new IdempotencyRecord({ idempotencyKey: 'k', status: 'COMPLETED' });
    advanceClock(10 * 365 * 24 * 3600);
    expect(record.isExpired()).toBe(false);
    expect(record.getStatus()).toBe('COMPLETED');
  });

  it('a stored EXPIRED status stays EXPIRED', () => {
    expect(new IdempotencyRecord({ idempotencyKey: 'k', status: 'EXPIRED' }).getStatus()).toBe('EXPIRED');
  });

  it('getResponse is undefined for a record without response data', () => {
    expect(new IdempotencyRecord({ idempotencyKey: 'k', status: 'INPROGRESS' }).getResponse()).toBeUndefined();
  });

  it('an in-progress claim is claimable once its in-progress expiry has passed, and a completed record is not', () => {
    const inProgress = new IdempotencyRecord({
      idempotencyKey: 'k',
      status: 'INPROGRESS',
      expiryTimestamp: nowSeconds() + 3600,
      inProgressExpiryTimestamp: Date.now() + 5000,
    });
    const completed = new IdempotencyRecord({
      idempotencyKey: 'k',
      status: 'COMPLETED',
      expiryTimestamp: nowSeconds() + 3600,
      inProgressExpiryTimestamp: Date.now() + 5000,
    });

    expect(inProgress.isClaimable()).toBe(false);
    advanceClock(5);
    expect(inProgress.isInProgressExpired()).toBe(true);
    expect(inProgress.isClaimable()).toBe(true);
    expect(completed.isInProgressExpired()).toBe(false);
    expect(completed.isClaimable()).toBe(false);
  });

  it('an unknown status is refused with IdempotencyInvalidStatusError naming it', () => {
    const build = () => new IdempotencyRecord({ idempotencyKey: 'k', status: 'DONE' as unknown as IdempotencyRecordStatusValue });
    expect(build).toThrow(IdempotencyInvalidStatusError);
    expect(build).toThrow('"DONE"');
  });
});
