import { type DurableContext, type DurableLambdaHandler, withDurableExecution } from '@aws/durable-execution-sdk-js';
import { LocalDurableTestRunner, type TestResult } from '@aws/durable-execution-sdk-js-testing';
import { signal } from './signal.js';

/** How a test steers one execution's invocations from outside, in the order it chooses. */
export interface ExecutionControls {
  /** Hold this invocation (1-based) until `resume()`: the execution stays away, as in a long wait. */
  holdInvocation?: number;
  /**
   * Run this invocation (1-based) twice with the same input, the first attempt left hanging at
   * the workflow's `crashPoint`: what Lambda does when an invocation crashes before its first
   * checkpoint (it invokes again with the same execution state).
   */
  retryInvocation?: number;
  /** End this invocation (1-based) with an error and never invoke again: an abandoned execution. */
  abandonInvocation?: number;
}

/** An execution under way. */
export interface RunningExecution<Result> {
  /** The outcome once the runner finished the execution; rejects for an abandoned execution. */
  outcome: Promise<TestResult<Result>>;
  /** Resolves when the held invocation arrived, that is when the execution is away. */
  held: Promise<void>;
  /** Lets the held invocation run. */
  resume(): void;
  /** The execution's ARN, known from its first invocation on. */
  arn(): string;
}

const abandoned = new Error('abandoned: this invocation crashed and Lambda gave up on the execution');

/** Per execution ARN: the first attempt of a retried invocation reached its crash point. */
const crashes = new Map<string, () => void>();

/**
 * Where a workflow crashes on the first attempt of a retried invocation (see `retryInvocation`):
 * that attempt hangs here for good, as a process that died would never go on. Elsewhere it
 * returns at once. Put it after the claim and before the first step.
 */
export async function crashPoint(context: { executionContext: { durableExecutionArn: string } }): Promise<void> {
  const arn = context.executionContext.durableExecutionArn;
  const crashed = crashes.get(arn);
  if (!crashed) return;
  crashes.delete(arn);
  crashed();
  await new Promise<never>(() => {});
}

/**
 * Starts one durable execution of `handler` on the local runner with `payload`. Time is the
 * runner's fake clock (`setupDurableTestEnvironment`), so waits pass at once; what runs beside
 * what is decided by `controls`, never by timing, so every run takes the same course.
 */
export function startExecution<Result>(
  handler: DurableLambdaHandler,
  payload: unknown,
  controls: ExecutionControls = {}
): RunningExecution<Result> {
  const resumed = signal();
  const arrival = signal();
  let invocations = 0;
  let arn = '';
  const steered: DurableLambdaHandler = async (input, context) => {
    invocations += 1;
    arn = input.DurableExecutionArn;
    if (invocations === controls.abandonInvocation) throw abandoned;
    if (invocations === controls.holdInvocation) {
      arrival.signal();
      await resumed.reached;
    }
    if (invocations === controls.retryInvocation) {
      const reachedCrashPoint = new Promise<void>((resolve) => crashes.set(arn, resolve));
      // The first attempt claims and dies (or ends on its own); Lambda invokes again with the same input.
      await Promise.race([reachedCrashPoint, handler(input, context)]);
      crashes.delete(arn);
    }
    return handler(input, context);
  };
  const runner = new LocalDurableTestRunner<Result>({ handlerFunction: steered });
  return { outcome: runner.run({ payload }), held: arrival.reached, resume: resumed.signal, arn: () => arn };
}

/** Runs one execution to its end. */
export function runExecution<Result>(handler: DurableLambdaHandler, payload: unknown): Promise<TestResult<Result>> {
  return startExecution<Result>(handler, payload).outcome;
}

/** The clock the process had before the runner faked it; the checkpoint server's worker keeps it. */
const realDate = Date;

/**
 * The runner's environment with `skipTime`: its fake clock moves `Date.now()` of the whole
 * process to the end of each wait, which is what a store sees when an execution comes back from
 * a long wait. Call in `beforeAll`, and `teardownDurableTestEnvironment` in `afterAll`.
 */
export function setupDurableTestEnvironment(): Promise<void> {
  return LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
}

export function teardownDurableTestEnvironment(): Promise<void> {
  return LocalDurableTestRunner.teardownTestEnvironment();
}

/**
 * Waits `seconds` (more than the 15 minutes an invocation has, so the invocation suspends and the
 * execution resumes in the next) on the clock the process sees. The runner's checkpoint server
 * times a wait's end by the real clock of its worker thread, while the SDK compares that end
 * with the fake clock, which runs ahead by every wait skipped so far; without the lead added, a
 * later wait of the same length would end at once, inside its invocation.
 */
export function waitOnTheClock(context: DurableContext, name: string, seconds: number): Promise<void> {
  const lead = Math.max(0, Date.now() - realDate.now()) / 1000;
  return context.wait(name, { seconds: Math.ceil(seconds + lead) });
}

/** Moves the runner's clock `seconds` (more than 15 minutes) on, the way it moves: by an execution's wait. */
export async function passTime(seconds: number): Promise<void> {
  const idle = withDurableExecution(async (_event: unknown, context: DurableContext) => {
    await waitOnTheClock(context, 'time passes', seconds);
  });
  await runExecution(idle, {});
}
