import type { CacheClient, CacheSetOptions } from '@idem/cache/types';
import { createClient, createCluster } from '@redis/client';
import { GlideClient, GlideClusterClient, Logger } from '@valkey/valkey-glide';
import { Cluster, Redis } from 'ioredis';

// GLIDE's core logs server errors as warnings; the tests provoke some (WRONGTYPE) on purpose.
Logger.setLoggerConfig('error');

/** The clients the layer supports, by the name the tests use. */
export type ClientKind = 'ioredis' | 'glide' | 'node-redis' | 'cache-client';
export const clientKinds: ClientKind[] = ['ioredis', 'glide', 'node-redis', 'cache-client'];

/** A connected client and how to close it. */
export interface OpenClient {
  client: CacheClient;
  close(): Promise<void>;
}

/**
 * A client of the seed's minimal shape, written the way a user would: get/set/del over ioredis,
 * translating the documented `CacheSetOptions`. The layer sees no scripting method on it.
 */
export function minimalCacheClient(redis: Redis): CacheClient {
  return {
    get: (name) => redis.get(name),
    async set(name, value, options) {
      const { expiration, condition } = options as CacheSetOptions;
      const key = typeof name === 'string' ? name : Buffer.from(name);
      const text = String(value);
      return condition === 'NX'
        ? redis.set(key, text, 'PX', expiration.value, 'NX')
        : redis.set(key, text, 'PX', expiration.value);
    },
    del: (keys) => redis.del(keys),
  };
}

/** Opens a client of the kind on a standalone server. */
export async function openClient(kind: ClientKind, port: number): Promise<OpenClient> {
  const host = '127.0.0.1';
  switch (kind) {
    case 'ioredis': {
      const redis = new Redis({ host, port, lazyConnect: true });
      await redis.connect();
      return { client: redis, close: async () => void redis.disconnect() };
    }
    case 'glide': {
      const glide = await GlideClient.createClient({ addresses: [{ host, port }], requestTimeout: 5000 });
      return { client: glide, close: async () => glide.close() };
    }
    case 'node-redis': {
      const client = createClient({ url: `redis://${host}:${port}` });
      client.on('error', () => undefined);
      await client.connect();
      return { client, close: async () => client.destroy() };
    }
    case 'cache-client': {
      const redis = new Redis({ host, port, lazyConnect: true });
      await redis.connect();
      return { client: minimalCacheClient(redis), close: async () => void redis.disconnect() };
    }
  }
}

/** The cluster clients the layer supports. */
export type ClusterClientKind = 'ioredis-cluster' | 'glide-cluster' | 'node-redis-cluster';

/** Opens a cluster client of the kind, seeded with the cluster's nodes. */
export async function openClusterClient(
  kind: ClusterClientKind,
  nodes: Array<{ host: string; port: number }>
): Promise<OpenClient> {
  switch (kind) {
    case 'ioredis-cluster': {
      const cluster = new Cluster(nodes, { lazyConnect: true });
      await cluster.connect();
      return { client: cluster, close: async () => void cluster.disconnect() };
    }
    case 'glide-cluster': {
      const glide = await GlideClusterClient.createClient({ addresses: nodes, requestTimeout: 5000 });
      return { client: glide, close: async () => glide.close() };
    }
    case 'node-redis-cluster': {
      const cluster = createCluster({ rootNodes: nodes.map(({ host, port }) => ({ url: `redis://${host}:${port}` })) });
      cluster.on('error', () => undefined);
      await cluster.connect();
      return { client: cluster, close: async () => cluster.destroy() };
    }
  }
}
