import { after, before, describe, it } from 'node:test';
import { registerScenarios } from '../scenarios.js';

// `node --test` runs this file; node:test has no global describe and it.
registerScenarios({ family: 'node:test', runner: { describe, it }, hasGlobals: false, beforeAll: before, afterAll: after });
