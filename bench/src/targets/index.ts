import { idemMemory, powertoolsMemory } from './memory.js';
import type { ScenarioTarget } from './ScenarioTarget.js';

/** One store, with idem's target and Powertools' target on it, compared side by side. */
export interface TargetPair {
  store: string;
  idem: ScenarioTarget;
  powertools: ScenarioTarget;
  /** The idem/Powertools ratio each scenario on this store must reach. */
  targetRatio: number;
}

export const targetPairs: readonly TargetPair[] = [{ store: 'memory', idem: idemMemory, powertools: powertoolsMemory, targetRatio: 5 }];
