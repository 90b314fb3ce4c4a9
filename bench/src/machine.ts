import { readFileSync, realpathSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a figure was measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  packages: Record<string, string>;
}

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** Packages whose versions a reader needs to reproduce the figures, and where each is installed. */
const reportedPackages: Record<string, () => string> = {
  '@idem/core': () => join(benchDir, 'node_modules', '@idem/core'),
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
    packages: Object.fromEntries(Object.entries(reportedPackages).map(([name, directory]) => [name, installedVersion(directory)])),
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
