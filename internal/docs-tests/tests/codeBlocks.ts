import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspacePackages } from '../../../scripts/workspacePackages.cjs';

/** One ```ts block of a doc. */
export interface CodeBlock {
  /** The doc's file name, e.g. `getting-started.md`. */
  doc: string;
  /** Line of the doc where the block's code starts (1-based). */
  line: number;
  /** File the block is written to: its `// file: name.ts` comment, else one named by its line. */
  fileName: string;
  code: string;
}

const fence = /^```(\w+)?\s*$/;
const fileComment = /^\/\/ file: ([\w./-]+\.ts)\s*$/;

/**
 * The TypeScript blocks (```ts, ```typescript) of a Markdown text. A block whose first line is
 * `// file: name.ts` is written under that name, so another block can import it as `./name.js`.
 */
export function typeScriptBlocks(doc: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let open: { language: string; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const match = fence.exec(text);
    if (!open) {
      if (match) open = { language: match[1] ?? '', line: index + 2, body: [] };
      return;
    }
    if (text.trim() === '```') {
      if (open.language === 'ts' || open.language === 'typescript') {
        const code = `${open.body.join('\n')}\n`;
        const named = fileComment.exec(open.body[0] ?? '')?.[1];
        const slug = doc.replace(/\.md$/, '');
        blocks.push({ doc, line: open.line, fileName: `${slug}/${named ?? `line-${open.line}.ts`}`, code });
      }
      open = undefined;
      return;
    }
    open.body.push(text);
  });
  return blocks;
}

/** Every TypeScript block of every `*.md` in a folder, in file order. */
export function docsBlocks(docsDir: string): CodeBlock[] {
  return readdirSync(docsDir)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .flatMap((file) => typeScriptBlocks(file, readFileSync(join(docsDir, file), 'utf8')));
}

/** Every TypeScript block of the root README and of each package's README, named by their path. */
export function readmeBlocks(repoRoot: string): CodeBlock[] {
  const readmes = [
    'README.md',
    ...workspacePackages()
      .map((pkg) => `${pkg.folder}/README.md`)
      .sort(),
  ].filter((path) => existsSync(join(repoRoot, path)));
  return readmes.flatMap((path) => typeScriptBlocks(path, readFileSync(join(repoRoot, path), 'utf8')));
}
