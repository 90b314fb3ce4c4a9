import type { Scenario } from '../scenarios.js';
import type { Library, ScenarioTarget } from './ScenarioTarget.js';

/** A store's targets once its server runs. */
export interface StartedStore {
  /** idem's targets (one per client), Powertools' target, and the floor where there is one. */
  targets: ScenarioTarget[];
  /** What a store operation is called in the report, when they are counted: `commands`, `requests`. */
  operation?: string;
  /** Counts the store adds beyond the usual pass, e.g. DynamoDB against a server returning ALL_OLD. */
  extraOperationCounts?(): Promise<OperationCount[]>;
  stop(): Promise<void>;
}

/** A scenario on a store, with the idem/Powertools ratio it must reach, if any. */
export interface StoreScenario {
  scenario: Scenario;
  targetRatio?: number;
  /** The idem clients the target is set for; every client when absent. */
  targetClients?: readonly string[];
}

/** One store: its server, its targets, and the scenarios run on it. */
export interface StoreBench {
  /** Store name in the report and on the command line: `memory`, `redis`, `dynamodb`. */
  store: string;
  start(): Promise<StartedStore>;
  scenarios: StoreScenario[];
  /**
   * Calls of a timed run of unique payloads, the same for every library. A networked store is
   * slower, so it gets fewer, which keeps the whole bench within minutes.
   */
  uniqueCalls: number;
  /** Calls of unique payloads each measurement warms up with, before the timed run. */
  uniqueWarmupCalls: number;
}

/** Store operations per call of one kind, counted in a pass of its own (never while timing). */
export interface OperationCount {
  store: string;
  library: Library;
  client: string;
  call: string;
  perCall: number;
  /** `commands`, `requests`. */
  operation: string;
  /** How it was counted, when not the store's usual way. */
  note?: string;
}
