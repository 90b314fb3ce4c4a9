import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort.js';
import type { PostgresDatabase } from './postgres.js';

/** A PgBouncer in front of one test database, on a loopback port of its own. */
export interface PgBouncer {
  port: number;
  /** `postgres://user@127.0.0.1:port/database`, the database as clients see it through the pooler. */
  url: string;
  /** Stops PgBouncer and removes its directory. */
  stop(): Promise<void>;
}

/** Options of startPgBouncer. */
export interface PgBouncerOptions {
  /**
   * Server connections PgBouncer keeps for the database; fewer than the clients' connections, so
   * consecutive transactions of one client land on different server connections.
   * @default 2
   */
  serverConnections?: number;
}

const startupTimeoutMs = 10_000;

/**
 * Starts `pgbouncer` in transaction mode in front of `database` (PgBouncer 1.18 from Debian: no
 * support for prepared statements in that mode, so a client that relies on session state fails
 * through it). PgBouncer refuses to run as root: as root it is started with `-u postgres`.
 */
export async function startPgBouncer(database: PostgresDatabase, options: PgBouncerOptions = {}): Promise<PgBouncer> {
  const dir = await mkdtemp(join(tmpdir(), 'idem-pgbouncer-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const config = [
    '[databases]',
    `${database.database} = host=${database.host} port=${database.port} dbname=${database.database} user=${database.user}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    "unix_socket_dir = ''",
    'auth_type = trust',
    `auth_file = ${join(dir, 'users.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.serverConnections ?? 2}`,
    'max_client_conn = 200',
    // Clients send these at start-up; PgBouncer would refuse them otherwise.
    'ignore_startup_parameters = extra_float_digits,options',
  ].join('\n');
  await writeFile(join(dir, 'pgbouncer.ini'), `${config}\n`, { mode: 0o644 });
  await writeFile(join(dir, 'users.txt'), `"${database.user}" ""\n`, { mode: 0o644 });
  // It logs to stderr, which is left out: the user it switches to could not write a log file here.
  const child: ChildProcess = spawn('pgbouncer', [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
    stdio: 'ignore',
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `postgres://${database.user}@127.0.0.1:${port}/${database.database}`, stop };
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with code ${child.exitCode} (is it installed?)`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer on port ${port} was not ready within ${startupTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
