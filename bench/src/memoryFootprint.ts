import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Resident size after a full collection, once so many calls have gone through. */
export interface FootprintSample {
  calls: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/**
 * One million unique keys through idem's local cache of 1000 entries, in a child process of its
 * own (with --expose-gc), so nothing of the bench's own runs is resident.
 */
export async function measureLocalCacheFootprint(calls = 1_000_000): Promise<FootprintSample[]> {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'memory', 'footprintChild.ts');
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(calls)], {
    cwd: dirname(child),
    maxBuffer: 1 << 20,
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as FootprintSample);
}

/**
 * Flat: from the first quarter (the cache full, the code compiled) on, every sample's heap is
 * within 10% of the first quarter's, and the resident size at the end is within 15% of it. RSS
 * in between moves with what the allocator keeps or returns, so only its trend is judged.
 */
export function footprintIsFlat(samples: readonly FootprintSample[]): boolean {
  const filled = samples[1];
  const last = samples[samples.length - 1];
  if (!filled || !last) return false;
  const later = samples.slice(1);
  return (
    later.every((sample) => Math.abs(sample.heapUsedBytes - filled.heapUsedBytes) <= filled.heapUsedBytes * 0.1) &&
    last.rssBytes <= filled.rssBytes * 1.15
  );
}
