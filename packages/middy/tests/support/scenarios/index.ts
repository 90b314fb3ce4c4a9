import { callScenarios } from './calls.js';
import { leaseScenarios } from './leases.js';

export type { Scenario } from './scenario.js';

/** Every behaviour the state machine tests hold each subject to. */
export const scenarios = [...callScenarios, ...leaseScenarios];
