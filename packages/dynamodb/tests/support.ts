import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { ClaimOutcome, IdempotencyRecord } from '@idem/core/persistence';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import type { DynamoDBPersistenceOptionsBase } from '@idem/dynamodb/types';
import { createIdempotencyTable, type DynaliteServer, localDynamoDBConfig, startDynalite } from '@idem/test-servers';
import { mockClient } from 'aws-sdk-client-mock';

/** A table layout under test: the layer's options minus the table name. */
export type Layout = Omit<DynamoDBPersistenceOptionsBase, 'tableName'>;

/** The three layouts every adapter test runs in. */
export const layouts: Array<[string, Layout]> = [
  ['simple key', {}],
  ['composite key', { sortKeyAttr: 'sk', staticPkValue: 'idempotency#orders' }],
  [
    'custom attribute names',
    {
      keyAttr: 'pk',
      expiryAttr: 'ttl',
      inProgressExpiryAttr: 'lease_until',
      statusAttr: 'state',
      dataAttr: 'result',
      validationKeyAttr: 'payload_hash',
      ownerAttr: 'claimed_by',
    },
  ],
];

/** Starts dynalite before the file's tests and stops it after them. */
export function useDynalite(): () => DynaliteServer {
  let server: DynaliteServer | undefined;
  beforeAll(async () => {
    server = await startDynalite();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('dynalite is not started');
    return server;
  };
}

/** A layer on a fresh table of the layout, with the client it uses for raw reads and writes. */
export async function layerOnNewTable(
  server: DynaliteServer,
  layout: Layout = {}
): Promise<{
  layer: DynamoDBPersistenceLayer;
  client: DynamoDBClient;
  tableName: string;
  rawKey(key: string): Record<string, AttributeValue>;
}> {
  const tableName = `idem-${randomUUID()}`;
  await createIdempotencyTable(server.endpoint, { tableName, keyAttr: layout.keyAttr, sortKeyAttr: layout.sortKeyAttr });
  const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
  const layer = new DynamoDBPersistenceLayer({ ...layout, tableName, awsSdkV3Client: client });
  const keyAttr = layout.keyAttr ?? 'id';
  const rawKey = (key: string): Record<string, AttributeValue> =>
    layout.sortKeyAttr
      ? { [keyAttr]: { S: layout.staticPkValue ?? '' }, [layout.sortKeyAttr]: { S: key } }
      : { [keyAttr]: { S: key } };
  return { layer, client, tableName, rawKey };
}

/** The item as DynamoDB holds it, or undefined. */
export async function readRawItem(client: DynamoDBClient, tableName: string, key: Record<string, AttributeValue>) {
  const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item;
}

/** Writes an item as it is, bypassing the layer. */
export async function writeRawItem(client: DynamoDBClient, tableName: string, item: Record<string, AttributeValue>) {
  await client.send(new PutItemCommand({ TableName: tableName, Item: item }));
}

/** Counts every HTTP request the client sends, retries included. */
export function countRequests(client: DynamoDBClient): { readonly count: number; reset(): void } {
  let count = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      count++;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'idemRequestCounter' }
  );
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

/** Fakes only Date, so the SDK's sockets and timers keep working. */
export function fakeDateOnly(): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
}

/** A request identity as the engine derives it. */
export function identity(suffix = randomUUID(), payloadHash?: string) {
  return { idempotencyKey: `test.fn#${suffix}`, payloadHash };
}

/**
 * A client whose table is dynalite but whose refused writes return the old item, as DynamoDB does
 * with `ReturnValuesOnConditionCheckFailure: ALL_OLD` and dynalite does not. The layer's client
 * is stubbed with aws-sdk-client-mock; each stubbed call is forwarded to dynalite, and a refused
 * PutItem gets the stored item attached by a read the layer does not see. `requests()` counts
 * the layer's requests.
 */
export function allOldClient(server: DynaliteServer): { client: DynamoDBClient; requests(): number; restore(): void } {
  const backing = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
  const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
  const mock = mockClient(client);
  mock.on(GetItemCommand).callsFake((input: GetItemCommandInput) => backing.send(new GetItemCommand(input)));
  mock.on(DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => backing.send(new DeleteItemCommand(input)));
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => backing.send(new UpdateItemCommand(input)));
  mock.on(PutItemCommand).callsFake(async (input: PutItemCommandInput) => {
    try {
      return await backing.send(new PutItemCommand(input));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || input.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD')
        throw error;
      const key = keyOf(input.Item ?? {}, await tableKeyNames(backing, input.TableName ?? ''));
      const { Item } = await backing.send(new GetItemCommand({ TableName: input.TableName, Key: key, ConsistentRead: true }));
      throw new ConditionalCheckFailedException({ message: error.message, $metadata: error.$metadata, Item });
    }
  });
  return { client, requests: () => mock.calls().length, restore: () => mock.restore() };
}

async function tableKeyNames(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return (Table?.KeySchema ?? []).map((key) => key.AttributeName ?? '');
}

function keyOf(item: Record<string, AttributeValue>, names: string[]): Record<string, AttributeValue> {
  return Object.fromEntries(names.map((name) => [name, item[name] as AttributeValue]));
}

/** Where a layer made for the contract suite keeps its records, so the suite's probes can look. */
interface ContractTable {
  client: DynamoDBClient;
  tableName: string;
  layout: Layout;
}

const contractTables = new WeakMap<DynamoDBPersistenceLayer, ContractTable>();

/**
 * Layers for `describePersistenceContract` on one table per layout (the suite uses fresh random
 * keys), and the probes that read the stored item behind the layer's back.
 */
export function contractLayers(
  server: () => DynaliteServer,
  tableLayout: Layout,
  makeClient: (server: DynaliteServer) => DynamoDBClient = (started) => new DynamoDBClient(localDynamoDBConfig(started.endpoint))
) {
  let table: Promise<ContractTable> | undefined;
  const tableReady = () => {
    table ??= (async () => {
      const tableName = `contract-${randomUUID()}`;
      await createIdempotencyTable(server().endpoint, { tableName, ...tableLayout });
      return { client: makeClient(server()), tableName, layout: tableLayout };
    })();
    // A failed attempt is not kept: the contract suite calls the factory once when it registers,
    // before dynalite starts, and every test after must try again.
    const attempt = table;
    attempt.catch(() => {
      if (table === attempt) table = undefined;
    });
    return attempt;
  };
  const newLayer = async (attributes: Layout = {}) => {
    const { client, tableName } = await tableReady();
    const layout = { ...tableLayout, ...attributes };
    const layer = new DynamoDBPersistenceLayer({ ...layout, tableName, awsSdkV3Client: client });
    contractTables.set(layer, { client, tableName, layout });
    return layer;
  };
  const storedItem = async (layer: DynamoDBPersistenceLayer, key: string) => {
    const { client, tableName, layout } = contractTables.get(layer) as ContractTable;
    const keyAttr = layout.keyAttr ?? 'id';
    const rawKey: Record<string, AttributeValue> = layout.sortKeyAttr
      ? { [keyAttr]: { S: layout.staticPkValue ?? '' }, [layout.sortKeyAttr]: { S: key } }
      : { [keyAttr]: { S: key } };
    const item = await readRawItem(client, tableName, rawKey);
    return (
      item &&
      Object.fromEntries(Object.entries(item).map(([name, value]) => [name, value.N !== undefined ? Number(value.N) : value.S]))
    );
  };
  /** DynamoDB's TTL deletes at the epoch seconds in the expiry attribute (dynalite keeps it but never deletes). */
  const storedExpiryMs = async (layer: DynamoDBPersistenceLayer, key: string) => {
    const expiryAttr = contractTables.get(layer)?.layout.expiryAttr ?? 'expiration';
    const expiry = (await storedItem(layer, key))?.[expiryAttr];
    return typeof expiry === 'number' ? expiry * 1000 : undefined;
  };
  return {
    newLayer,
    /** The suite's options for these layers: attributes set and seen, TTL from the expiry attribute. */
    suiteOptions: {
      factoryWithAttributes: (attributes: Layout) => newLayer(attributes),
      inspectStoredAttributes: storedItem,
      expiryEnforcement: { kind: 'ttl' as const, storedExpiryMs },
    },
  };
}

/** The record of a claim the test expects the store to take; a refusal fails the test. */
export async function claimed(outcome: Promise<ClaimOutcome>): Promise<IdempotencyRecord> {
  const result = await outcome;
  if (result.kind === 'claimed') return result.claim as IdempotencyRecord;
  throw new Error(`the claim was refused over ${JSON.stringify(result.existingRecord)}`);
}
