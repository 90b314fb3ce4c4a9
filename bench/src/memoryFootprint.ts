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
