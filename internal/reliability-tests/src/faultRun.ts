import { type BasePersistenceLayer, IdempotencyConfig, IdempotencyUnknownError, makeIdempotent } from '@idem/core';
import { type CallOutcome, outcomeOf } from './outcomes.js';
import type { Execution } from './worker/messages.js';

/** A burst of concurrent calls with a fault injected while the functions run. */
export interface FaultScenario {
  layer: BasePersistenceLayer;
  keyPrefix: string;
  keys: ReadonlyArray<string>;
  callsPerKey: number;
  /** How long the wrapped function takes. */
  functionMs: number;
  /** Calls start spread over this many ms. */
  spreadMs: number;
  /** In-progress expiry of every claim; longer than the whole burst, so no claim lapses during it. */
  leaseSeconds: number;
  /** Milliseconds after the first call at which `inject` runs: the functions are running then. */
  faultAtMs: number;
  /** Injects the fault (and heals it, if it heals within the burst). */
  inject(): Promise<void>;
}

/** What a burst gave: every outcome, every execution, and the calls that were not typed idem outcomes. */
export interface FaultRun {
  outcomes: CallOutcome[];
  executions: Execution[];
  /** Errors that are not IdempotencyUnknownError subclasses: crashes leaking through. */
  untypedErrors: string[];
  /** Milliseconds from the first call to the last outcome. */
  durationMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the burst and the fault; the fault runs mid-call, while the first claims' functions run. */
export async function runFaultScenario(scenario: FaultScenario): Promise<FaultRun> {
  const executions: Execution[] = [];
  const untypedErrors: string[] = [];
  let runs = 0;
  const order = makeIdempotent(
    async (payload: { orderId: string }) => {
      const result = { orderId: payload.orderId, run: ++runs };
      executions.push({ key: payload.orderId, result: JSON.stringify(result) });
      await sleep(scenario.functionMs);
      return result;
    },
    {
      persistenceStore: scenario.layer,
      keyPrefix: scenario.keyPrefix,
      config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: scenario.leaseSeconds }),
    }
  );
  const started = Date.now();
  const calls: Array<Promise<CallOutcome>> = [];
  const total = scenario.keys.length * scenario.callsPerKey;
  for (let i = 0; i < total; i++) {
    const key = scenario.keys[i % scenario.keys.length] as string;
    const delay = (Math.floor(i / scenario.keys.length) * scenario.spreadMs) / scenario.callsPerKey;
    calls.push(
      sleep(delay).then(() =>
        outcomeOf(key, async () => {
          try {
            return await order({ orderId: key });
          } catch (error) {
            if (!(error instanceof IdempotencyUnknownError)) untypedErrors.push(String(error));
            throw error;
          }
        })
      )
    );
  }
  const fault = sleep(scenario.faultAtMs).then(() => scenario.inject());
  const [outcomes] = await Promise.all([Promise.all(calls), fault]);
  return { outcomes, executions, untypedErrors, durationMs: Date.now() - started };
}
