// needs: @idem/middy
// installs: @middy/core@^6.4.5
// Beyond the seed: a Middy handler with makeHandlerIdempotent, invoked twice in a user's
// project. @middy/core is installed beside it: @idem/middy imports nothing of it.
import assert from 'node:assert/strict';
import { IdempotencyConfig, MemoryPersistenceLayer } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

let charges = 0;

const handler = middy(async (event: { orderId: string }) => ({ chargeId: `ch_${++charges}`, orderId: event.orderId })).use(
  makeHandlerIdempotent({
    persistenceStore: new MemoryPersistenceLayer(),
    config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
  })
);

const context = {
  functionName: 'charge',
  awsRequestId: 'request-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

async function main(): Promise<void> {
  const first = await handler({ orderId: 'o-1' }, context);
  const repeat = await handler({ orderId: 'o-1' }, context);
  assert.deepEqual(repeat, first);
  assert.equal(charges, 1);
  console.log('replayed', repeat);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
