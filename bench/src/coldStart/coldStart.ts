import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createIdempotencyTable, startRedis } from '@idem/test-servers';
import { build } from 'esbuild';
import { startDynaliteProcess } from '../dynamodb/dynaliteProcess.js';
import { apiGatewayEvent } from '../fixtures/apiGatewayEvent.js';
import { median } from '../stats.js';
import type { Library } from '../targets/ScenarioTarget.js';

/** Processes started per handler; idem and Powertools alternate. */
export const coldStartProcesses = 9;

/**
 * Client libraries stay out of every bundle, idem's and Powertools' alike: the AWS SDK (the
 * Lambda runtime provides it) and the Redis clients (the user's own dependency, the same for
 * both handlers). What is left is each library with its own dependencies.
 */
export const externalPackages = ['@aws-sdk/*', '@smithy/*', '@redis/client', 'ioredis', '@valkey/valkey-glide'];

export interface ColdStartResult {
  store: 'dynamodb' | 'cache';
  library: Library;
  bundleBytes: number;
  bundleGzipBytes: number;
  /** Median over the processes of the time from process start to the end of the first call. */
  firstCallMs: number;
  /** Median of the wall time from spawning the process to its exit, node's own start included. */
  processMs: number;
  /**
   * Median over the runs of this library's time to first call over the other library's in the
   * same run: the two processes of a run start back to back, so load from other jobs on the
   * machine weighs on both alike.
   */
  pairedRatio: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', '.tmp', 'cold-start');

/** Bundles each handler as a Lambda deployment would, then times whole processes calling it once. */
export async function measureColdStarts(): Promise<ColdStartResult[]> {
  mkdirSync(outDir, { recursive: true });
  const dynalite = await startDynaliteProcess();
  const redis = await startRedis();
  try {
    const tableName = 'bench-cold-start';
    await createIdempotencyTable(dynalite.endpoint, { tableName });
    const env = { ...process.env, IDEMPOTENCY_TABLE: tableName, DYNAMODB_ENDPOINT: dynalite.endpoint, REDIS_URL: redis.url };
    const results: ColdStartResult[] = [];
    for (const store of ['dynamodb', 'cache'] as const) {
      const bundles = {
        idem: await bundle(`idem${capitalized(store)}`),
        powertools: await bundle(`powertools${capitalized(store)}`),
      };
      const times: Record<Library, { firstCallMs: number[]; processMs: number[] }> = {
        idem: { firstCallMs: [], processMs: [] },
        powertools: { firstCallMs: [], processMs: [] },
      };
      for (let run = 0; run < coldStartProcesses; run++) {
        const order: Library[] = run % 2 === 0 ? ['idem', 'powertools'] : ['powertools', 'idem'];
        for (const library of order) {
          const event = apiGatewayEvent(`ord-cold-${store}-${library}-${run}-${Date.now()}`);
          const timing = await firstCallProcess(bundles[library].path, { ...env, BENCH_EVENT: JSON.stringify(event) });
          times[library].firstCallMs.push(timing.firstCallMs);
          times[library].processMs.push(timing.processMs);
        }
      }
      const pairedRatio = (library: Library, other: Library) =>
        median(times[library].firstCallMs.map((ms, run) => ms / (times[other].firstCallMs[run] as number)));
      for (const [library, other] of [
        ['idem', 'powertools'],
        ['powertools', 'idem'],
      ] as const) {
        results.push({
          pairedRatio: pairedRatio(library, other),
          store,
          library,
          bundleBytes: bundles[library].bytes,
          bundleGzipBytes: bundles[library].gzipBytes,
          firstCallMs: median(times[library].firstCallMs),
          processMs: median(times[library].processMs),
        });
      }
    }
    return results;
  } finally {
    await dynalite.stop();
    await redis.stop();
  }
}

async function bundle(name: string): Promise<{ path: string; bytes: number; gzipBytes: number }> {
  const path = join(outDir, `${name}.cjs`);
  await build({
    entryPoints: [join(here, 'handlers', `${name}.ts`)],
    outfile: path,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: externalPackages,
    logLevel: 'error',
  });
  return { path, bytes: statSync(path).size, gzipBytes: gzipSync(readFileSync(path)).length };
}

function firstCallProcess(bundlePath: string, env: NodeJS.ProcessEnv): Promise<{ firstCallMs: number; processMs: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(here, 'firstCall.cjs'), bundlePath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      const processMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`${bundlePath} exited with ${code}: ${stderr}`));
      resolve({ firstCallMs: (JSON.parse(stdout) as { firstCallMs: number }).firstCallMs, processMs });
    });
  });
}

/** `dynamodb` → `Dynamodb`: handler files are named `idemDynamodb.ts`, `powertoolsCache.ts`. */
function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
