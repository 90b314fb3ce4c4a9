#!/usr/bin/env node
// Checks every publishable package as a user would install it: publint lints package.json
// against the built files, and Are The Types Wrong resolves each export under Node's CJS and ESM
// rules and bundlers. The node10 resolver is left out: it cannot see subpath exports at all.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const { repoRoot: root, publishedPackages } = createRequire(import.meta.url)('./workspacePackages.cjs');
const publishable = publishedPackages().map((pkg) => pkg.dir);

let failed = 0;
for (const dir of publishable) {
  for (const [tool, args] of [
    ['publint', [dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', ['exec', tool, ...args], { cwd: root, stdio: 'pipe' });
      console.log(`ok   ${tool} ${dir.slice(root.length + 1)}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${tool} ${dir.slice(root.length + 1)}\n${error.stdout}${error.stderr}`);
    }
  }
}
console.log(`packaging: ${publishable.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
