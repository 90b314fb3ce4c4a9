import { CachePersistenceLayer } from '@idem/cache';
import {
  ContractViolation,
  contractCheck,
  describePersistenceContract,
  type PersistenceContractOptions,
  runContractCheck,
} from '@idem/contract';
import {
  type RedisCluster,
  type RedisServer,
  type ReplicatedRedis,
  startRedis,
  startRedisCluster,
  startReplicatedRedis,
} from '@idem/test-servers';
import { Cluster, type Redis } from 'ioredis';
import {
  type ClientKind,
  type ClusterClientKind,
  clientKinds,
  type OpenClient,
  openClient,
  openClusterClient,
} from './support/clients.js';
import { inspector } from './support/layerKit.js';

// The shared persistence contract, once per client kind on a standalone server and once per
// cluster client on a three-master cluster. Each kind keeps one connection for the whole run;
// every check gets a fresh layer over it and fresh keys. With replicaAcknowledgements, once per
// scripting client on a primary with a replica: every write then travels with a WAIT.

let server: RedisServer;
let cluster: RedisCluster;
let replicated: ReplicatedRedis;
let replicatedInspector: Redis;
const replicatedClients = new Map<ClientKind, OpenClient>();
let standaloneInspector: Redis;
let clusterInspector: Cluster;
const standaloneClients = new Map<ClientKind, OpenClient>();
const clusterClients = new Map<ClusterClientKind, OpenClient>();
const clusterKinds: ClusterClientKind[] = ['ioredis-cluster', 'glide-cluster', 'node-redis-cluster'];
const scriptedKinds = clientKinds.filter((kind) => kind !== 'cache-client');

beforeAll(async () => {
  [server, cluster, replicated] = await Promise.all([startRedis(), startRedisCluster(), startReplicatedRedis()]);
  standaloneInspector = await inspector(server.port);
  replicatedInspector = await inspector(replicated.primary.port);
  clusterInspector = new Cluster(cluster.nodes, { lazyConnect: true });
  await clusterInspector.connect();
  for (const kind of clientKinds) standaloneClients.set(kind, await openClient(kind, server.port));
  for (const kind of clusterKinds) clusterClients.set(kind, await openClusterClient(kind, cluster.nodes));
  for (const kind of scriptedKinds) replicatedClients.set(kind, await openClient(kind, replicated.primary.port));
}, 60_000);

afterAll(async () => {
  for (const open of [...standaloneClients.values(), ...clusterClients.values(), ...replicatedClients.values()]) {
    await open.close();
  }
  standaloneInspector?.disconnect();
  clusterInspector?.disconnect();
  replicatedInspector?.disconnect();
  await Promise.all([server?.stop(), cluster?.stop(), replicated?.stop()]);
});

function clientOf(clients: Map<string, OpenClient>, kind: string): OpenClient['client'] {
  const open = clients.get(kind);
  if (!open) throw new Error(`no ${kind} client is open`);
  return open.client;
}

/** The server's expiry of a record: the layer writes relative TTLs (PX), so now + PTTL. */
function ttlProbe(redis: () => Redis | Cluster): PersistenceContractOptions<CachePersistenceLayer>['expiryEnforcement'] {
  return {
    kind: 'ttl',
    async storedExpiryMs(layer, key) {
      const ttl = await redis().pttl(layer.storageKey(key));
      return ttl < 0 ? undefined : Date.now() + ttl;
    },
  };
}

for (const kind of scriptedKinds) {
  describePersistenceContract(
    `CachePersistenceLayer through ${kind} with replicaAcknowledgements, on a primary with a replica`,
    () =>
      new CachePersistenceLayer({
        client: clientOf(replicatedClients, kind),
        storageKeyPrefix: 'contract:',
        replicaAcknowledgements: { replicas: 1, timeoutMs: 1000 },
      }),
    { expiryEnforcement: ttlProbe(() => replicatedInspector) }
  );
}

for (const kind of scriptedKinds) {
  describePersistenceContract(
    `CachePersistenceLayer through ${kind} on redis-server`,
    () => new CachePersistenceLayer({ client: clientOf(standaloneClients, kind), storageKeyPrefix: 'contract:' }),
    { expiryEnforcement: ttlProbe(() => standaloneInspector) }
  );
}

for (const kind of clusterKinds) {
  describePersistenceContract(
    `CachePersistenceLayer through ${kind} on a three-master cluster`,
    () => new CachePersistenceLayer({ client: clientOf(clusterClients, kind) }),
    { expiryEnforcement: ttlProbe(() => clusterInspector) }
  );
}

// A plain CacheClient cannot run scripts: ownership is read-compare-write, not atomic, and SET NX
// cannot replace a stored record, so the server's TTL frees expired records and lapsed claims.
const plainClientOptions: PersistenceContractOptions<CachePersistenceLayer> = {
  supportsOwnership: false,
  replacesExpiredRecords: false,
  expiryEnforcement: ttlProbe(() => standaloneInspector),
};
const plainFactory = () =>
  new CachePersistenceLayer({ client: clientOf(standaloneClients, 'cache-client'), storageKeyPrefix: 'contract:' });

describePersistenceContract(
  'CachePersistenceLayer through a plain CacheClient on redis-server',
  plainFactory,
  plainClientOptions
);

describe('the gaps of a plain CacheClient are real', () => {
  const gaps = [
    'claim succeeds over an expired record',
    'claim succeeds over an INPROGRESS record whose in-progress expiry has passed',
  ];
  it.each(gaps)('"%s" fails when the suite is told the store replaces expired records', async (guarantee) => {
    const claimed = { ...plainClientOptions, replacesExpiredRecords: true };
    await expect(runContractCheck(contractCheck(guarantee), plainFactory, claimed)).rejects.toBeInstanceOf(ContractViolation);
  });
});

// Powertools' format: the same guarantees, the owner token in a field Powertools ignores. The JSON
// value has field names, so the suite also checks custom ones.
const powertoolsLayers = (client: () => OpenClient['client'], redis: () => Redis | Cluster) => ({
  factoryWithAttributes: (
    attributes: Parameters<NonNullable<PersistenceContractOptions<CachePersistenceLayer>['factoryWithAttributes']>>[0]
  ) => new CachePersistenceLayer({ client: client(), compatibility: 'powertools', ...attributes }),
  inspectStoredAttributes: async (layer: CachePersistenceLayer, key: string) => {
    const value = await redis().get(layer.storageKey(key));
    return value === null ? undefined : (JSON.parse(value) as Record<string, unknown>);
  },
  expiryEnforcement: ttlProbe(redis),
});

for (const kind of clientKinds.filter((kind) => kind !== 'cache-client')) {
  const client = () => clientOf(standaloneClients, kind);
  describePersistenceContract(
    `CachePersistenceLayer in compatibility 'powertools' through ${kind} on redis-server`,
    () => new CachePersistenceLayer({ client: client(), compatibility: 'powertools' }),
    powertoolsLayers(client, () => standaloneInspector)
  );
}

for (const kind of clusterKinds) {
  const client = () => clientOf(clusterClients, kind);
  describePersistenceContract(
    `CachePersistenceLayer in compatibility 'powertools' through ${kind} on a three-master cluster`,
    () => new CachePersistenceLayer({ client: client(), compatibility: 'powertools' }),
    powertoolsLayers(client, () => clusterInspector)
  );
}

// Without scripts Powertools' takeover (win <key>:lock, read again, write) replaces stale records,
// which idem's own format leaves to the server's TTL; ownership stays read-compare-write.
{
  const client = () => clientOf(standaloneClients, 'cache-client');
  describePersistenceContract(
    "CachePersistenceLayer in compatibility 'powertools' through a plain CacheClient on redis-server",
    () => new CachePersistenceLayer({ client: client(), compatibility: 'powertools' }),
    { ...powertoolsLayers(client, () => standaloneInspector), supportsOwnership: false }
  );
}
