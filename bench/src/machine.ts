import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a figure was measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  /** One-minute load average: other jobs share this machine. */
  loadAverage: string;
  packages: Record<string, string>;
}

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Packages whose versions a reader needs to reproduce the figures, and where each is installed. */
const reportedPackages: Record<string, () => string> = {
  '@idem/core': () => join(benchDir, 'node_modules', '@idem/core'),
  '@idem/cache': () => join(benchDir, 'node_modules', '@idem/cache'),
  '@idem/dynamodb': () => join(benchDir, 'node_modules', '@idem/dynamodb'),
  ioredis: () => join(benchDir, 'node_modules', 'ioredis'),
  '@valkey/valkey-glide': () => join(benchDir, 'node_modules', '@valkey/valkey-glide'),
  '@redis/client': () => join(benchDir, 'node_modules', '@redis/client'),
  '@aws-sdk/client-dynamodb': () => join(benchDir, 'node_modules', '@aws-sdk/client-dynamodb'),
  dynalite: () => join(realpathSync(join(benchDir, 'node_modules', '@idem/test-servers')), 'node_modules', 'dynalite'),
  esbuild: () => join(benchDir, 'node_modules', 'esbuild'),
  '@aws-lambda-powertools/idempotency': () => join(benchDir, 'node_modules', '@aws-lambda-powertools/idempotency'),
  // The copy Powertools idempotency itself loads, beside it in pnpm's store.
  '@aws-lambda-powertools/jmespath': () =>
    join(realpathSync(join(benchDir, 'node_modules', '@aws-lambda-powertools/idempotency')), '..', 'jmespath'),
};

export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: (loadavg()[0] ?? 0).toFixed(1),
    packages: {
      ...Object.fromEntries(Object.entries(reportedPackages).map(([name, directory]) => [name, installedVersion(directory)])),
      'redis-server': redisServerVersion(),
    },
  };
}

function installedVersion(directory: () => string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(directory(), 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

function redisServerVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}
