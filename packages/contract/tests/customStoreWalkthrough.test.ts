import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Registers the whole contract against the walk-through's store, exactly as a reader would in
// Jest; internal/contract-runners runs its Vitest file in Vitest 3 and 4.
import '../../../examples/custom-store/contract.test.js';

const repoRoot = join(__dirname, '..', '..', '..');
const exampleDir = join('examples', 'custom-store');
const markdown = readFileSync(join(repoRoot, 'docs', 'custom-store.md'), 'utf8');

/** Fenced blocks: ```lang path? ... ``` */
const blocks = [...markdown.matchAll(/^```(\S*)(?: (\S+))?\n([\s\S]*?)^```$/gm)].map(([, language, path, body]) => ({
  language,
  path,
  body: body ?? '',
}));
const codeBlocks = blocks.filter((block) => block.language === 'ts');

describe('docs/custom-store.md', () => {
  it('names the file of every TypeScript block', () => {
    expect(codeBlocks.length).toBeGreaterThan(0);
    expect(codeBlocks.filter((block) => !block.path)).toEqual([]);
  });

  it.each(codeBlocks.map((block) => [block.path ?? '(no path)', block.body]))('shows %s exactly as the file is', (path, body) => {
    expect(body).toBe(readFileSync(join(repoRoot, path), 'utf8'));
  });

  it('shows every file of examples/custom-store', () => {
    const shown = codeBlocks.map((block) => block.path).sort();
    const files = readdirSync(join(repoRoot, exampleDir))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `${exampleDir}/${name}`)
      .sort();
    expect(shown).toEqual(files);
  });
});
