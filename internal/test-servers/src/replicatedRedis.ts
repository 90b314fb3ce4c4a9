import { type FaultProxy, startFaultProxy } from './faultProxy.js';
import { cli, type RedisServer, replicaLinkUp, startRedis, waitFor } from './redis.js';

/**
 * A primary and one replica (`redis-server --replicaof`) on free loopback ports. The replica
 * reaches its primary through a fault proxy, so a test can hold the replication stream back for
 * certain: the bytes wait in the proxy, never in a socket buffer that the replica reads later
 * (stopping the replica with SIGSTOP or `DEBUG SLEEP` leaves them in its kernel buffer, and it
 * applies them once it runs again, even after the primary died).
 */
export interface ReplicatedRedis {
  primary: RedisServer;
  replica: RedisServer;
  /** Resolves once the replica has applied every write the primary made so far. */
  caughtUp(): Promise<void>;
  /** Holds every byte between primary and replica (writes and acknowledgements) until `releaseReplication`. */
  holdReplication(): void;
  /** Delivers what was held and replicates again. */
  releaseReplication(): void;
  /**
   * A failover: SIGKILLs the primary, drops whatever replication bytes were held (the replica
   * never gets those writes), and promotes the replica (`REPLICAOF NO ONE`).
   */
  failover(): Promise<void>;
  /** Stops both servers and the proxy, and removes their directories. */
  stop(): Promise<void>;
}

/** Options of startReplicatedRedis. */
export interface ReplicatedRedisOptions {
  /**
   * Link the replica to its primary directly, without the proxy, for measurements: nothing in
   * this process then carries replication (`holdReplication` and `releaseReplication` throw).
   * @default false
   */
  directLink?: boolean;
}

/** Starts a primary and a replica linked through a fault proxy, and waits until the replica is in sync. */
export async function startReplicatedRedis(options: ReplicatedRedisOptions = {}): Promise<ReplicatedRedis> {
  const primary = await startRedis();
  let link: FaultProxy | undefined;
  let replica: RedisServer | undefined;
  try {
    link = options.directLink ? undefined : await startFaultProxy({ targetHost: '127.0.0.1', targetPort: primary.port });
    replica = await startRedis({ replicaOf: { host: '127.0.0.1', port: link?.port ?? primary.port } });
    const replicaPort = replica.port;
    await waitFor(replicaPort, undefined, () => replicaLinkUp(replicaPort));
    await waitFor(primary.port, undefined, async () =>
      /slave0:.*state=online/.test(await cli(primary.port, 'INFO', 'replication'))
    );
  } catch (error) {
    await Promise.all([link?.stop(), replica?.stop(), primary.stop()]);
    throw error;
  }
  const proxy = link;
  const promoted = replica;
  const held = (): FaultProxy => {
    if (!proxy) throw new Error('startReplicatedRedis({ directLink: true }) cannot hold replication back');
    return proxy;
  };
  return {
    primary,
    replica: promoted,
    async caughtUp() {
      const offset = replicationOffset(await cli(primary.port, 'INFO', 'replication'), 'master_repl_offset');
      await waitFor(
        promoted.port,
        undefined,
        async () => replicationOffset(await cli(promoted.port, 'INFO', 'replication'), 'slave_repl_offset') >= offset
      );
    },
    holdReplication: () => held().stall(),
    releaseReplication: () => held().resume(),
    async failover() {
      await primary.kill();
      proxy?.resetConnections();
      await proxy?.stop();
      await cli(promoted.port, 'REPLICAOF', 'NO', 'ONE');
      await waitFor(promoted.port, undefined, async () => (await cli(promoted.port, 'ROLE')).startsWith('master'));
    },
    async stop() {
      await proxy?.stop();
      await Promise.all([promoted.stop(), primary.stop()]);
    },
  };
}

function replicationOffset(info: string, field: 'master_repl_offset' | 'slave_repl_offset'): number {
  return Number(new RegExp(`${field}:(\\d+)`).exec(info)?.[1] ?? -1);
}
