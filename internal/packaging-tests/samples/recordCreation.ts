// The seed's "Idempotency Record Creation" sample, with assertions on what it prints.
import assert from 'node:assert/strict';
import { IdempotencyRecord } from '@idem/core/persistence';
import type { IdempotencyRecordOptions } from '@idem/core/types';

const recordOptions: IdempotencyRecordOptions = {
  idempotencyKey: 'my-function#abc123',
  status: 'COMPLETED',
  expiryTimestamp: Math.floor(Date.now() / 1000) + 3600,
  responseData: { statusCode: 200, body: 'Success' },
  payloadHash: 'def456',
};

const record = new IdempotencyRecord(recordOptions);
console.log(record.getStatus()); // 'COMPLETED'
console.log(record.getResponse()); // { statusCode: 200, body: 'Success' }
assert.equal(record.getStatus(), 'COMPLETED');
assert.deepEqual(record.getResponse(), { statusCode: 200, body: 'Success' });
