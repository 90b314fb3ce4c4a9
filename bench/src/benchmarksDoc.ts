import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const startMarker = '<!-- bench:results:start -->';
const endMarker = '<!-- bench:results:end -->';

const skeleton = `# Benchmarks

\`pnpm bench\` measures idem against \`@aws-lambda-powertools/idempotency\` in the same run and
rewrites the section between the markers below; the rest of this file is written by hand.

${startMarker}
${endMarker}
`;

/**
 * Puts the generated results between the markers of the benchmarks document, keeping the
 * hand-written text around them; creates the document if it is missing.
 */
export function writeBenchmarkResults(path: string, results: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : skeleton;
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  if (start === -1 || end < start) throw new Error(`${path} lacks the ${startMarker} … ${endMarker} markers`);
  writeFileSync(path, `${current.slice(0, start + startMarker.length)}\n${results}\n${current.slice(end)}`);
}
