// Seed sample "Idempotency Record Creation", imports mapped to @idem/*. It runs on import.

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

export { record };
