import { afterAll, beforeAll, describe, it } from '@jest/globals';
// docs/custom-store.md's Jest file, which registers through Jest's globals.
import '../../../../examples/custom-store/contract.test.js';
import { registerScenarios } from '../scenarios.js';

// Jest 29 and 30 run this file: the suite given @jest/globals' describe and it, and once Jest's globals.
registerScenarios({ family: 'jest', runner: { describe, it }, hasGlobals: true, beforeAll, afterAll });
