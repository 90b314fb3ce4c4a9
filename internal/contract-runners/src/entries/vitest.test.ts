import { afterAll, beforeAll, describe, it } from 'vitest';
// docs/custom-store.md's Vitest file.
import '../../../../examples/custom-store/contract.vitest.test.js';
import { registerScenarios } from '../scenarios.js';

// Vitest 3 and 4 run this file, with globals: true so that one scenario can use them.
registerScenarios({ family: 'vitest', runner: { describe, it }, hasGlobals: true, beforeAll, afterAll });
