import type { CallOutcome } from '../outcomes.js';
import type { StoreSpec } from '../stores.js';

/** Fire `calls` calls of one idempotent function over `keys`, spread over `spreadMs` from `startAt`. */
export interface LoadTask {
  type: 'load';
  store: StoreSpec;
  keyPrefix: string;
  keys: string[];
  calls: number;
  /** How long the wrapped function takes. */
  functionMs: number;
  /** Call i starts at `startAt + (i % 16) * spreadMs / 16`, so some calls overlap the run and some follow it. */
  spreadMs: number;
  /** Epoch ms at which every worker starts, so the workers' calls collide. */
  startAt: number;
  inProgressExpiresAfterSeconds: number;
}

/** Call the function once for `key`; it reports `running` and never returns, until the process is killed. */
export interface HangTask {
  type: 'hang';
  store: StoreSpec;
  keyPrefix: string;
  key: string;
  inProgressExpiresAfterSeconds: number;
}

export type WorkerTask = LoadTask | HangTask;

/** One run of the wrapped function, with the result it produced. */
export interface Execution {
  key: string;
  result: string;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'loadDone'; outcomes: CallOutcome[]; executions: Execution[] }
  | { type: 'running'; key: string }
  | { type: 'failed'; message: string };
