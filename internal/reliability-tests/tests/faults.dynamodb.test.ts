import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import {
  createIdempotencyTable,
  type DynaliteServer,
  type FaultProxy,
  localDynamoDBConfig,
  startDynalite,
  startFaultProxy,
} from '@idem/test-servers';
import { runFaultScenario } from '../src/faultRun.js';
import { sleep } from './support/clock.js';
import { checkFaultRun } from './support/faultChecks.js';

const keys = Array.from({ length: 6 }, (_, i) => `order-${i}`);
// Longer than any burst, so every claim is live throughout it; the checks after it move Date past the lease instead of waiting.
const leaseSeconds = 10;
const tableName = 'faults';

let server: DynaliteServer | undefined;
let proxy: FaultProxy | undefined;
let client: DynamoDBClient | undefined;

beforeAll(async () => {
  server = await startDynalite();
  await createIdempotencyTable(server.endpoint, { tableName });
  proxy = await startFaultProxy({ targetHost: '127.0.0.1', targetPort: Number(new URL(server.endpoint).port) });
  // One attempt and a 1.5 s request timeout (dynalite answers a burst within it): a fault surfaces within the call instead of being retried away.
  client = new DynamoDBClient({
    ...localDynamoDBConfig(`http://127.0.0.1:${proxy.port}`),
    maxAttempts: 1,
    requestHandler: { requestTimeout: 1_500, throwOnRequestTimeout: true, httpAgent: { keepAlive: true, maxSockets: 256 } },
  });
  // The SDK loads its modules on the first request: not part of any fault's burst.
  await client.send(new DescribeTableCommand({ TableName: tableName }));
});

afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
  await server?.stop();
});

const scenarios: Array<[id: string, applied: string, inject: () => Promise<void>]> = [
  [
    'stall',
    'the fault proxy holds every byte for 2 s mid-call, then delivers them (client request timeout 1.5 s, one attempt)',
    async () => {
      proxy?.stall();
      await sleep(2_000);
      proxy?.resume();
    },
  ],
  ['drop', 'the fault proxy closes every connection cleanly (FIN) mid-call', async () => proxy?.dropConnections()],
  ['reset', 'the fault proxy resets every connection (RST) mid-call', async () => proxy?.resetConnections()],
];

describe('DynamoDB (dynalite) faults mid-call, 60 calls over 6 keys, one attempt per request', () => {
  it.each(scenarios)(
    '%s: %s',
    async (id, applied, inject) => {
      const layer = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client as DynamoDBClient });
      const keyPrefix = `fault-${id}-${Date.now()}`;
      const run = await runFaultScenario({
        layer,
        keyPrefix,
        keys,
        callsPerKey: 10,
        functionMs: 200,
        spreadMs: 300,
        leaseSeconds,
        faultAtMs: 120,
        inject,
      });
      const checked = await checkFaultRun(run, {
        id: `faults.dynamodb.${id}`,
        store: 'DynamoDB API on dynalite',
        applied,
        layer,
        keyPrefix,
        keys,
        leaseSeconds,
      });

      expect(checked.untypedErrors).toEqual([]);
      expect(checked.wrong).toEqual([]);
      expect(checked.burstShorterThanLease).toBe(true);
      expect(checked.maxExecutionsPerKey).toBeLessThanOrEqual(1);
      expect(checked.leasesBeyondOneLease).toEqual([]);
      expect(checked.lostResults).toEqual([]);
      expect(checked.leftInProgressAfterLease).toEqual([]);
    },
    30_000
  );
});
