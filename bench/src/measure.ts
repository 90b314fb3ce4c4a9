import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaContext } from './fixtures/apiGatewayEvent.js';
import { eventsFor, type Scenario } from './scenarios.js';
import type { IdempotentHandler, ScenarioTarget } from './targets/ScenarioTarget.js';

/** The Lambda context every call gets. */
const context = lambdaContext;

/** How much to warm up and to measure, each measurement. */
export interface MeasureOptions {
  warmupMs: number;
  /** Length of a timed run of repeats. */
  measureMs: number;
  /**
   * Calls of a timed run of unique payloads, the same for every library: each call leaves a
   * record, and a store grown larger for the faster library would charge it more GC work.
   */
  uniqueCalls: number;
  /** Calls of unique payloads to warm up with, the same for every library. */
  uniqueWarmupCalls: number;
}

export interface Measurement {
  calls: number;
  seconds: number;
  callsPerSecond: number;
  /**
   * Calls per second of the process's CPU time (all threads, GC included): steadier than the
   * wall clock when other processes compete for the cores.
   */
  callsPerCpuSecond: number;
}

const warmupBatch = 500;
const minimumCalls = 500;

/**
 * Calls per second of one scenario on one target, on a fresh store. The warm-up lets the JIT
 * settle; it also sizes a timed run of repeats to about `measureMs`, while unique payloads get
 * `uniqueCalls` on every target. The timed loop only calls the handler on events built
 * beforehand, one call in flight.
 */
export async function measure(target: ScenarioTarget, scenario: Scenario, options: MeasureOptions): Promise<Measurement> {
  const { handler, close } = await target.prepare({ useLocalCache: scenario.useLocalCache });
  try {
    if (!scenario.uniquePayloads) await handler(eventsFor(scenario, 'prime', 1)[0] as APIGatewayProxyEvent, context);
    const warmupRate = await warmUp(handler, scenario, options.warmupMs, options.uniqueWarmupCalls);
    const calls = scenario.uniquePayloads
      ? options.uniqueCalls
      : Math.max(minimumCalls, Math.ceil((warmupRate * options.measureMs) / 1000));
    const events = eventsFor(scenario, 'timed', calls);
    collectGarbage();
    const cpuBefore = process.cpuUsage();
    const seconds = await timeCalls(handler, events, calls, scenario.inFlight);
    const cpu = process.cpuUsage(cpuBefore);
    return { calls, seconds, callsPerSecond: calls / seconds, callsPerCpuSecond: calls / ((cpu.user + cpu.system) / 1e6) };
  } finally {
    await close();
  }
}

/**
 * Runs the scenario for about `durationMs`, or `uniqueCalls` calls of unique payloads (by count
 * for the same reason as a timed run's); returns the calls per second it reached.
 */
async function warmUp(handler: IdempotentHandler, scenario: Scenario, durationMs: number, uniqueCalls: number): Promise<number> {
  let calls = 0;
  let seconds = 0;
  const start = performance.now();
  const batchSize = Math.min(warmupBatch, uniqueCalls);
  const warm = () => (scenario.uniquePayloads ? calls < uniqueCalls : performance.now() - start < durationMs);
  for (let batch = 0; warm(); batch++) {
    const events = eventsFor(scenario, `warm${batch}`, batchSize);
    seconds += await timeCalls(handler, events, batchSize, scenario.inFlight);
    calls += batchSize;
  }
  return calls / seconds;
}

/**
 * Seconds taken by `count` calls, `inFlight` at a time: as many callers, each awaiting its call
 * before taking the next event.
 */
async function timeCalls(
  handler: IdempotentHandler,
  events: readonly APIGatewayProxyEvent[],
  count: number,
  inFlight: number
): Promise<number> {
  const length = events.length;
  let next = 0;
  const caller = async () => {
    while (next < count) {
      const index = next++;
      await handler(events[index % length] as APIGatewayProxyEvent, context);
    }
  };
  const start = process.hrtime.bigint();
  if (inFlight === 1) await caller();
  else await Promise.all(Array.from({ length: inFlight }, caller));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** A full collection before the clock starts, when node runs with --expose-gc. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
