import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A redis-server started for a test. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** SIGKILLs the server, as a crash would; its directory (and append-only file) stays. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and directory (after `kill`, or kills it first). */
  restart(): Promise<void>;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
}

/** Options of startRedis. */
export interface RedisServerOptions {
  /**
   * Keep an append-only file synced on every write (`appendfsync always`), so a killed and
   * restarted server still holds every acknowledged write.
   * @default false (no persistence: a restart starts empty)
   */
  appendOnly?: boolean;
  /** Start as a replica of this server (`--replicaof host port`). @default none: a primary */
  replicaOf?: { host: string; port: number };
}

/** Options of startRedisCluster. */
export interface RedisClusterOptions {
  /** Replicas of each master (`redis-cli --cluster create --cluster-replicas`). @default 0 */
  replicasPerMaster?: 0 | 1;
}

/** A three-master Redis cluster started for a test. */
export interface RedisCluster {
  /** The masters, each `{ host: '127.0.0.1', port }`; any one is a valid seed node. */
  nodes: Array<{ host: string; port: number }>;
  /** The replicas, each with the port of the master it replicates; empty without `replicasPerMaster`. */
  replicas: Array<{ host: string; port: number; masterPort: number }>;
  /**
   * Sends SIGSTOP (`'freeze'`), SIGCONT (`'thaw'`) or SIGKILL (`'kill'`) to the node on `port`: a
   * frozen replica acknowledges nothing, so `WAIT` on its master times out; a killed master can be
   * replaced with `CLUSTER FAILOVER TAKEOVER` on its replica.
   */
  signal(port: number, action: 'freeze' | 'thaw' | 'kill'): void;
  /** Kills every node and removes their directories. */
  stop(): Promise<void>;
}

const host = '127.0.0.1';
const startupTimeoutMs = 15_000;

/** Starts `redis-server` on a free loopback port, in its own directory; without persistence unless asked. */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'idem-redis-'));
  const port = await freeRedisPort();
  const extraArgs = [
    ...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : []),
    ...(options.replicaOf ? ['--replicaof', options.replicaOf.host, String(options.replicaOf.port)] : []),
  ];
  const launch = async (): Promise<ChildProcess> => {
    const started = spawnRedis(port, dir, extraArgs);
    try {
      await waitFor(port, started, async () => (await cli(port, 'PING')) === 'PONG');
    } catch (error) {
      await kill(started);
      throw error;
    }
    return started;
  };
  let child: ChildProcess;
  try {
    child = await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `redis://${host}:${port}`,
    kill: () => kill(child),
    restart: async () => {
      await kill(child);
      child = await launch();
    },
    stop: async () => {
      await kill(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts three cluster-enabled masters on free loopback ports (each with its own directory and
 * nodes.conf), joins them with `redis-cli --cluster create` and waits for `cluster_state:ok` on
 * every node.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const replicasPerMaster = options.replicasPerMaster ?? 0;
  const started: Array<{ port: number; dir: string; child: ChildProcess }> = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map(({ child }) => kill(child)));
    await Promise.all(started.map(({ dir }) => rm(dir, { recursive: true, force: true })));
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < 3 * (1 + replicasPerMaster); i++) {
      const dir = await mkdtemp(join(tmpdir(), 'idem-redis-cluster-'));
      const port = await freeRedisPort(taken);
      taken.add(port);
      const child = spawnRedis(port, dir, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, 'nodes.conf'),
        '--cluster-node-timeout',
        '5000',
      ]);
      started.push({ port, dir, child });
    }
    for (const { port, child } of started) await waitFor(port, child, async () => (await cli(port, 'PING')) === 'PONG');
    await run('redis-cli', [
      '--cluster',
      'create',
      ...started.map(({ port }) => `${host}:${port}`),
      '--cluster-replicas',
      String(replicasPerMaster),
      '--cluster-yes',
    ]);
    for (const { port, child } of started) {
      await waitFor(port, child, async () => (await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok'));
    }
    // Each node's own word on its role: another node's view of the replicas can lag behind.
    const roles = new Map<number, { masterPort?: number }>();
    for (const { port, child } of started) {
      await waitFor(port, child, async () => {
        const [role, , masterPort] = (await cli(port, 'ROLE')).split('\n');
        if (role === 'master') roles.set(port, {});
        else if (role === 'slave' && (await replicaLinkUp(port))) roles.set(port, { masterPort: Number(masterPort) });
        return roles.has(port);
      });
    }
    return {
      nodes: started.filter(({ port }) => roles.get(port)?.masterPort === undefined).map(({ port }) => ({ host, port })),
      replicas: started.flatMap(({ port }) => {
        const masterPort = roles.get(port)?.masterPort;
        return masterPort === undefined ? [] : [{ host, port, masterPort }];
      }),
      signal(port, action) {
        const node = started.find((candidate) => candidate.port === port);
        if (!node) throw new Error(`no cluster node on port ${port}`);
        node.child.kill(({ freeze: 'SIGSTOP', thaw: 'SIGCONT', kill: 'SIGKILL' } as const)[action]);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The replica on `port` is linked to its primary and has finished the initial sync. */
export async function replicaLinkUp(port: number): Promise<boolean> {
  const info = await cli(port, 'INFO', 'replication');
  return info.includes('master_link_status:up') && info.includes('master_sync_in_progress:0');
}

function spawnRedis(port: number, dir: string, extraArgs: string[]): ChildProcess {
  return spawn(
    'redis-server',
    // Later arguments win, so extraArgs may turn the append-only file back on.
    // A replica's first sync starts at once, not after the default 5 s wait for more replicas.
    [
      '--port',
      String(port),
      '--bind',
      host,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--repl-diskless-sync-delay',
      '0',
      ...extraArgs,
    ],
    { stdio: 'ignore' }
  );
}

/** Runs one `redis-cli` command against the server on `port` and returns its output, trimmed. */
export async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', host, '-p', String(port), ...args]);
  return stdout.trim();
}

/** Polls `ready` until it holds; fails if the server's process exits or the start-up timeout passes. */
export async function waitFor(port: number, child: ChildProcess | undefined, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`redis-server on port ${port} exited with code ${child.exitCode}`);
    try {
      if (await ready()) return;
    } catch {
      // Not accepting connections yet.
    }
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} was not ready within ${startupTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/**
 * A port below the ephemeral range whose cluster bus port (port + 10000) is free as well, so one
 * function serves standalone and cluster nodes. Never 6379, where the machine's own redis runs.
 */
async function freeRedisPort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (taken.has(port)) continue;
    if ((await canListen(port)) && (await canListen(port + 10_000))) return port;
  }
  throw new Error('no free port pair (port, port + 10000) found');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
