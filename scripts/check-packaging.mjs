#!/usr/bin/env node
// Checks every publishable package as a user would install it: publint lints package.json
// against the built files, and Are The Types Wrong resolves each export under Node's CJS and ESM
// rules and bundlers. The node10 resolver is left out: it cannot see subpath exports at all.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const publishable = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

let failed = 0;
for (const dir of publishable) {
  for (const [tool, args] of [
    ['publint', [dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', ['exec', tool, ...args], { cwd: root, stdio: 'pipe' });
      console.log(`ok   ${tool} ${dir.slice(root.length)}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${tool} ${dir.slice(root.length)}\n${error.stdout}${error.stderr}`);
    }
  }
}
console.log(`packaging: ${publishable.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
