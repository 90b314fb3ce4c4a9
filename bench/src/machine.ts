import { readFileSync } from 'node:fs';
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

/** Packages whose versions a reader needs to reproduce the figures. */
const reportedPackages = ['@idem/core', '@aws-lambda-powertools/idempotency', '@aws-lambda-powertools/jmespath'];

export function machineInfo(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    packages: Object.fromEntries(reportedPackages.map((name) => [name, installedVersion(name)])),
  };
}

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}
