// Beyond the seed: the wrapper at work on the embedded store, in a user's project.
import assert from 'node:assert/strict';
import { IdempotencyConfig, idempotent, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

const persistenceStore = new MemoryPersistenceLayer();
let runs = 0;
const charge = makeIdempotent(
  async (order: { orderId: string; amount: number }) => ({ chargeId: `ch_${++runs}`, amount: order.amount }),
  { persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }) }
);

class Orders {
  public shipped = 0;
  @idempotent({ persistenceStore })
  public async ship(orderId: string): Promise<string> {
    this.shipped++;
    return `shipped ${orderId}`;
  }
}

async function main(): Promise<void> {
  const first = await charge({ orderId: 'o-1', amount: 5 });
  const repeat = await charge({ orderId: 'o-1', amount: 5 });
  assert.deepEqual(repeat, first);
  assert.equal(runs, 1);

  const orders = new Orders();
  assert.equal(await orders.ship('o-1'), 'shipped o-1');
  assert.equal(await orders.ship('o-1'), 'shipped o-1');
  assert.equal(orders.shipped, 1);
  console.log('replayed', first);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
