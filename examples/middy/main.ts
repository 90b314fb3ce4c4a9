// Run from the repository root: pnpm build && pnpm exec tsx examples/middy/main.ts
import { demo } from './demo.js';

const { responses, charges } = await demo();
for (const response of responses) console.log(response);
console.log(`card charged ${charges} time(s)`);
