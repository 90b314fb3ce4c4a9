import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../../..');

describe('the API Gateway walk-through example (examples/http, run on the built packages)', () => {
  it('creates one order per key and caller, whatever the client retries, and refuses the mistakes', () => {
    const output = execFileSync(join(repoRoot, 'node_modules/.bin/tsx'), ['examples/http/demo.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(output).toMatch(/alice: first POST\s+201 \{"orderId":"ord_1"/);
    expect(output).toMatch(/alice: retry, same key\s+201 \{"orderId":"ord_1".*\(replayed\)/);
    expect(output).toMatch(/alice: double click\s+201 \{"orderId":"ord_2".*\| 409 A request is outstanding/);
    expect(output).toMatch(/alice: client retries a 409\s+201 \{"orderId":"ord_3".*\(replayed\) after 2 attempts/);
    expect(output).toMatch(/alice: 503, then retry\s+201 \{"orderId":"ord_4".* after 2 attempts/);
    expect(output).toMatch(/alice: same key, 3 books\s+422 Idempotency-Key is already used/);
    expect(output).toMatch(/alice: no key\s+400 Idempotency-Key is missing/);
    expect(output).toMatch(/bob: key k-1001 too\s+201 \{"orderId":"ord_5"/);
    expect(output).toContain('5 orders created: ord_1, ord_2, ord_3, ord_4, ord_5');
  });
});
