import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeIdempotent, type IdempotencyRecord } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { createIdempotencyTable, localDynamoDBConfig } from '@idem/test-servers';
import { layerOnNewTable, useDynalite } from './support.js';

// The engine claims through _putRecordUnlessLive, which the layer answers without building an
// IdempotencyItemAlreadyExistsError; these hold that a subclass's own _putRecord still sees
// every claim.

const server = useDynalite();

class AuditedLayer extends DynamoDBPersistenceLayer {
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
  const tableName = `idem-${randomUUID()}`;
  await createIdempotencyTable(server().endpoint, { tableName });
  const client = new DynamoDBClient(localDynamoDBConfig(server().endpoint));
  const layer = new AuditedLayer({ tableName, awsSdkV3Client: client });
  let runs = 0;
  const charge = makeIdempotent(
    async (order: { id: number }) => {
      runs++;
      return { charged: order.id };
    },
    { persistenceStore: layer }
  );

  await expect(charge({ id: 7 })).resolves.toEqual({ charged: 7 });
  await expect(charge({ id: 7 })).resolves.toEqual({ charged: 7 });

  expect(runs).toBe(1);
  expect(layer.claimed).toHaveLength(1);
  expect(layer.refused).toEqual(layer.claimed);
  client.destroy();
});

it('a repeat on the layer itself replays the stored result without running the function again', async () => {
  const { layer, client } = await layerOnNewTable(server());
  let runs = 0;
  const charge = makeIdempotent(
    async (order: { id: number }) => {
      runs++;
      return { charged: order.id, run: runs };
    },
    { persistenceStore: layer }
  );

  const first = await charge({ id: 8 });
  const repeat = await charge({ id: 8 });

  expect(repeat).toEqual(first);
  expect(runs).toBe(1);
  client.destroy();
});
