import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = join(__dirname, '../../..');

describe.each(['express', 'fastify', 'hono', 'fetch'])(
  'the %s server example (examples/servers, run on the built packages)',
  (name) => {
    it('creates one order per key and caller behind a real server, and refuses the mistakes', async () => {
      const { stdout } = await promisify(execFile)(join(repoRoot, 'node_modules/.bin/tsx'), [`examples/servers/${name}.ts`], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(stdout).toMatch(/alice: first POST\s+201 \{"orderId":"ord_1","sku":"book-42","quantity":1\}\n/);
      expect(stdout).toMatch(/alice: retry, same key\s+201 \{"orderId":"ord_1".*\(replayed\)/);
      expect(stdout).toMatch(/alice: double click\s+201 \{"orderId":"ord_2".*\| 409 Conflict/);
      expect(stdout).toMatch(/alice: same key, 3 books\s+422 Unprocessable Content/);
      expect(stdout).toMatch(/alice: no key\s+400 Bad Request/);
      expect(stdout).toMatch(/bob: key k-1001 too\s+201 \{"orderId":"ord_3"/);
      expect(stdout).toContain('3 orders created: ord_1, ord_2, ord_3');
    }, 90_000);
  }
);
