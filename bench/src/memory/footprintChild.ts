/**
 * Run as a child process with --expose-gc: sends one million calls with unique payloads through
 * a handler with a local cache of 1000 entries, and prints the resident size after a full
 * collection at every quarter. The store keeps nothing (every claim succeeds, every write is
 * dropped), so what stays resident is the engine and its local cache.
 */
import {
  BasePersistenceLayer,
  IdempotencyConfig,
  IdempotencyItemNotFoundError,
  type IdempotencyRecord,
  makeIdempotent,
} from '@idem/core';
import { apiGatewayEvent, chargePayment, lambdaContext } from '../fixtures/apiGatewayEvent.js';

class DiscardingPersistenceLayer extends BasePersistenceLayer {
  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    throw new IdempotencyItemNotFoundError(`No idempotency record for key ${idempotencyKey}`);
  }
  protected override async _putRecord(): Promise<void> {}
  protected async _updateRecord(): Promise<void> {}
  protected async _deleteRecord(): Promise<void> {}
}

const totalCalls = Number(process.argv[2] ?? 1_000_000);
const samples = 4;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const handler = makeIdempotent(chargePayment, {
  persistenceStore: new DiscardingPersistenceLayer(),
  config: new IdempotencyConfig({ eventKeyJmesPath: 'body', useLocalCache: true, maxLocalCacheSize: 1000 }),
});

const sample = (calls: number) => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ calls, rssBytes: rss, heapUsedBytes: heapUsed })}\n`);
};

sample(0);
for (let quarter = 1; quarter <= samples; quarter++) {
  const end = (totalCalls * quarter) / samples;
  for (let call = (totalCalls * (quarter - 1)) / samples; call < end; call++) {
    await handler(apiGatewayEvent(`ord-footprint-${call}`), lambdaContext);
  }
  sample(end);
}
