import { keyScenarios } from './keys.js';
import { outcomeScenarios } from './outcomes.js';
import { responseScenarios } from './responses.js';
import { fingerprintAndConcurrencyScenarios } from './scoping.js';

export type { Scenario } from './scenario.js';

/** The shared scenario table: every rule of the HTTP mode. */
export const scenarios = [...keyScenarios, ...fingerprintAndConcurrencyScenarios, ...outcomeScenarios, ...responseScenarios];
