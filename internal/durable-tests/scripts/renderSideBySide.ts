import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSideBySide, renderSideBySide, withSideBySideSection } from '../src/index.js';

// Measures the side-by-side scenarios and writes their table into docs/durable-functions.md.
// tests/sideBySide.test.ts fails until the doc says what the scenarios measure.

const docPath = join(fileURLToPath(new URL('.', import.meta.url)), '../../../docs/durable-functions.md');
const table = renderSideBySide(await measureSideBySide());
writeFileSync(docPath, withSideBySideSection(readFileSync(docPath, 'utf8'), table));
console.log(table);
// Middy's early-timeout timers of the invocations that suspended are real here (Middy takes
// setTimeout from node:timers, which the runner's fake clock does not reach in ES modules), and
// would keep the process alive for the 15 minutes of an invocation.
process.exit(0);
