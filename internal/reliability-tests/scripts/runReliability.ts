// `pnpm reliability` at the repository root: runs the reliability tests with
// IDEM_RELIABILITY_FIGURES set, so each test writes its figures, then renders docs/reliability.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figuresDirVariable } from '../src/figures.js';
import { renderReliabilityDoc } from './renderReliabilityDoc.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const figuresDir = mkdtempSync(join(tmpdir(), 'idem-reliability-'));
try {
  const jest = spawnSync(join(repoRoot, 'node_modules', '.bin', 'jest'), ['internal/reliability-tests'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, [figuresDirVariable]: figuresDir },
  });
  if (jest.status !== 0) {
    console.error('The reliability tests failed: docs/reliability.md is left as it was.');
    process.exitCode = jest.status ?? 1;
  } else {
    const target = join(repoRoot, 'docs', 'reliability.md');
    renderReliabilityDoc(figuresDir, target);
    console.log(`Wrote ${target}`);
  }
} finally {
  rmSync(figuresDir, { recursive: true, force: true });
}
