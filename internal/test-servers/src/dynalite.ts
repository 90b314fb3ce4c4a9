import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

/** A dynalite server (DynamoDB's wire protocol, in memory) on a loopback port of its own. */
export interface DynaliteServer {
  /** `http://127.0.0.1:PORT`, for a DynamoDB client's `endpoint`. */
  endpoint: string;
  /** Closes the server and its connections; its tables are gone. */
  stop(): Promise<void>;
}

/** Starts dynalite in memory on a port the OS picks, with tables ACTIVE as soon as created. */
export function startDynalite(): Promise<DynaliteServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Client settings for a local server: a fixed region and dummy credentials, so no AWS profile is read. */
export function localDynamoDBConfig(endpoint: string): DynamoDBClientConfig {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

/** The key layout of an idempotency table. */
export interface IdempotencyTableLayout {
  tableName: string;
  /** Partition key attribute. @default 'id' */
  keyAttr?: string;
  /** Sort key attribute: a composite-key table when set. */
  sortKeyAttr?: string;
}

/** Creates an on-demand idempotency table with string keys, simple or composite. */
export async function createIdempotencyTable(endpoint: string, layout: IdempotencyTableLayout): Promise<void> {
  const keyAttr = layout.keyAttr ?? 'id';
  const keys: Array<{ name: string; type: 'HASH' | 'RANGE' }> = [{ name: keyAttr, type: 'HASH' }];
  if (layout.sortKeyAttr) keys.push({ name: layout.sortKeyAttr, type: 'RANGE' });
  const client = new DynamoDBClient(localDynamoDBConfig(endpoint));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: layout.tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: 'S' })),
        KeySchema: keys.map((key) => ({ AttributeName: key.name, KeyType: key.type })),
      })
    );
  } finally {
    client.destroy();
  }
}
