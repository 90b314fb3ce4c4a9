import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../../..');

describe('the README demo (pnpm demo)', () => {
  it('charges each order once and prints what every caller got', () => {
    const output = execFileSync(join(repoRoot, 'node_modules/.bin/tsx'), ['examples/charge-card/demo.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(output).toMatch(/first call\s+charge ch_1\s+1×/);
    expect(output).toMatch(/same payload again\s+charge ch_1\s+no/);
    expect(output).toMatch(/20 concurrent duplicates\s+charge ch_2, 19 × in progress \(retry later\)\s+1×/);
    expect(output).toMatch(/key reused, other amount\s+rejected: key reused with another payload\s+no/);
    expect(output).toContain('2 charges for 24 calls');
  });
});
