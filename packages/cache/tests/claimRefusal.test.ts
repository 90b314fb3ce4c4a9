import { startRedis, type RedisServer } from '@idem/test-servers';
import { makeIdempotent, type IdempotencyRecord } from '@idem/core';
import { CachePersistenceLayer } from '@idem/cache';
import { openClient, type OpenClient } from './support/clients.js';
import { uniquePrefix } from './support/layerKit.js';

// The engine claims through _putRecordUnlessLive, which the layer answers without building an
// exception; these hold that a subclass's own _putRecord still sees every claim.

let server: RedisServer;
let open: OpenClient;

beforeAll(async () => {
  server = await startRedis();
  open = await openClient('ioredis', server.port);
});

afterAll(async () => {
  await open?.close();
  await server?.stop();
});

class AuditedLayer extends CachePersistenceLayer {
  public readonly claimed: string[] = [];
  public readonly refused: string[] = [];

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
      this.claimed.push(record.idempotencyKey);
    } catch (error) {
      this.refused.push(record.idempotencyKey);
      throw error;
    }
  }
}

it("a subclass that redefines _putRecord sees the first call's claim and the repeat's refusal", async () => {
  const layer = new AuditedLayer({ client: open.client });
  let runs = 0;
  const charge = makeIdempotent(
    async (order: { id: number }) => {
      runs++;
      return { charged: order.id };
    },
    { persistenceStore: layer, keyPrefix: uniquePrefix('audited') }
  );

  await expect(charge({ id: 7 })).resolves.toEqual({ charged: 7 });
  await expect(charge({ id: 7 })).resolves.toEqual({ charged: 7 });

  expect(runs).toBe(1);
  expect(layer.claimed).toHaveLength(1);
  expect(layer.refused).toEqual(layer.claimed);
});

it('a repeat on the layer itself replays the stored result without running the function again', async () => {
  const layer = new CachePersistenceLayer({ client: open.client });
  let runs = 0;
  const charge = makeIdempotent(
    async (order: { id: number }) => {
      runs++;
      return { charged: order.id, run: runs };
    },
    { persistenceStore: layer, keyPrefix: uniquePrefix('plain') }
  );

  const first = await charge({ id: 8 });
  const repeat = await charge({ id: 8 });

  expect(repeat).toEqual(first);
  expect(runs).toBe(1);
});
