import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { workspacePackages } from '../../../scripts/workspacePackages.cjs';
import { type CodeBlock, docsBlocks, readmeBlocks, typeScriptBlocks } from './codeBlocks.js';

// Every ```ts block of docs/*.md and of the READMEs is written to its own file and type-checked with the
// workspace's @idem/* path mappings (tsconfig.typecheck.json), so docs are checked against the
// current sources. Blocks are complete programs: imports included.

const packageDir = join(__dirname, '..');
const repoRoot = join(packageDir, '../..');
const docsDir = join(repoRoot, 'docs');
const blocksDir = join(packageDir, '.tmp/blocks');
const tsc = join(repoRoot, 'node_modules/.bin/tsc');

const workspaceNames = new Set(workspacePackages().map((pkg) => pkg.name));

/** The @idem packages a block imports that are not in the workspace yet. */
const missingPackages = (block: CodeBlock): string[] =>
  [...block.code.matchAll(/from '(@idem\/[\w-]+)/g)].map((match) => match[1] ?? '').filter((name) => !workspaceNames.has(name));

/**
 * A block whose first line is `// not type-checked: <reason>` is listed as a todo with its
 * reason: for infrastructure code (CDK) whose libraries this repository does not install.
 */
const notCheckedReason = (block: CodeBlock): string | undefined =>
  /^\/\/ not type-checked: (.+)$/.exec(block.code.split('\n', 1)[0] ?? '')?.[1];

const allBlocks = [...(existsSync(docsDir) ? docsBlocks(docsDir) : []), ...readmeBlocks(repoRoot)];
const notChecked = allBlocks.filter((block) => notCheckedReason(block) !== undefined);
// A block about an adapter that has not landed yet waits for it, so docs can be written first.
const waiting = allBlocks.filter((block) => !notChecked.includes(block) && missingPackages(block).length > 0);
const blocks = allBlocks.filter((block) => !notChecked.includes(block) && missingPackages(block).length === 0);
const docs = [...new Set(blocks.map((block) => block.doc))];

/** A block that must not compile: proves that errors reach the test. */
const canary: CodeBlock = {
  doc: '__canary__.md',
  line: 1,
  fileName: '__canary__/line-1.ts',
  code: "const amount: number = 'ten';\n",
};

interface Diagnostic {
  /** As tsc prints it: relative to this package. */
  file: string;
  line: number;
  message: string;
}

/** Runs tsc on a config; its diagnostics, `error TSnnnn: ...` each. */
async function typeCheck(tsconfig: string): Promise<Diagnostic[]> {
  let output = '';
  try {
    await promisify(execFile)(tsc, ['-p', tsconfig, '--pretty', 'false'], {
      cwd: packageDir,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 180_000,
    });
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  // tsc reports `path(line,col): error TSnnnn: message`; continuation lines are indented.
  return [...output.matchAll(/^(.+?)\((\d+),\d+\): (error .*)$/gm)].map(([, file = '', line = '0', message = '']) => ({
    file,
    line: Number(line),
    message,
  }));
}

/** Compiler errors, each as `doc.md:line: message`, keyed by doc. */
const errorsByDoc = new Map<string, string[]>();

beforeAll(async () => {
  rmSync(blocksDir, { recursive: true, force: true });
  const byFile = new Map<string, CodeBlock>();
  for (const block of [...blocks, canary]) {
    const path = join(blocksDir, block.fileName);
    if (byFile.has(path)) throw new Error(`${block.doc}:${block.line}: two blocks named ${block.fileName}`);
    byFile.set(path, block);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, block.code);
  }
  const report = (diagnostics: Diagnostic[]) => {
    for (const { file, line, message } of diagnostics) {
      const block = byFile.get(join(packageDir, file));
      const where = block ? `${block.doc}:${block.line + line - 1}` : relative(repoRoot, join(packageDir, file));
      const doc = block?.doc ?? 'outside the docs';
      errorsByDoc.set(doc, [...(errorsByDoc.get(doc) ?? []), `${where}: ${message}`]);
    }
  };
  const firstPass = await typeCheck(join(packageDir, 'tsconfig.docs.json'));
  // tsc skips type checking altogether when any file has a syntax error (TS1xxx), which would
  // hide every other block's type errors: check the rest again without the broken files.
  const broken = new Set(firstPass.filter((d) => /^error TS1\d{3}:/.test(d.message)).map((d) => join(packageDir, d.file)));
  if (broken.size === 0) {
    report(firstPass);
  } else {
    report(firstPass.filter((d) => broken.has(join(packageDir, d.file))));
    const semanticConfig = join(packageDir, '.tmp/tsconfig.semantic.json');
    const include = [...byFile.keys()].filter((path) => !broken.has(path)).map((path) => relative(dirname(semanticConfig), path));
    writeFileSync(semanticConfig, JSON.stringify({ extends: '../tsconfig.docs.json', include }));
    report(await typeCheck(semanticConfig));
  }
}, 240_000);

afterAll(() => rmSync(blocksDir, { recursive: true, force: true }));

describe('TypeScript blocks in docs/*.md', () => {
  it('reports a block that does not compile, at its line in the doc', () => {
    expect(errorsByDoc.get(canary.doc)).toEqual([
      expect.stringMatching(/^__canary__\.md:1: error TS2322: Type 'string' is not assignable to type 'number'/),
    ]);
  });

  it('reports no error outside the blocks (sources the blocks import)', () => {
    expect(errorsByDoc.get('outside the docs') ?? []).toEqual([]);
  });

  for (const block of notChecked) {
    it.todo(`${block.doc}:${block.line} not type-checked: ${notCheckedReason(block)}`);
  }

  for (const block of waiting) {
    it.todo(`${block.doc}:${block.line} waits for ${missingPackages(block).join(', ')}`);
  }

  for (const doc of docs) {
    it(`${doc}: every block type-checks`, () => {
      expect(errorsByDoc.get(doc) ?? []).toEqual([]);
    });
  }
});

describe('extracting blocks from Markdown', () => {
  const markdown = [
    '# Title', // 1
    '```ts', // 2
    "import { makeIdempotent } from '@idem/core';", // 3
    '```', // 4
    '```sh', // 5
    'pnpm add @idem/core', // 6
    '```', // 7
    '```typescript', // 8
    '// file: store.ts', // 9
    'export const store = 1;', // 10
    '```', // 11
  ].join('\n');

  it('takes ts and typescript blocks with the doc line of their first line, and leaves other languages', () => {
    const found = typeScriptBlocks('guide.md', markdown);
    expect(found.map(({ line, fileName }) => ({ line, fileName }))).toEqual([
      { line: 3, fileName: 'guide/line-3.ts' },
      { line: 9, fileName: 'guide/store.ts' },
    ]);
    expect(found[1]?.code).toBe('// file: store.ts\nexport const store = 1;\n');
  });
});
