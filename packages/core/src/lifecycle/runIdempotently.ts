import type { IdempotencyLifecycle } from './IdempotencyLifecycle.js';

/**
 * One idempotent call from start to end, for front ends that wrap the function: begin, run the
 * function only if this call holds the key, then complete with its result or release after it
 * threw, rethrowing the function's own error unchanged. Middlewares, whose steps run in separate
 * hooks, drive the same lifecycle step by step.
 */
export async function runIdempotently<Input, Context, Response, Claim, Result>(
  lifecycle: IdempotencyLifecycle<Input, Context, Response, Claim>,
  input: Input,
  context: Context | undefined,
  invoke: () => Result
): Promise<Awaited<Result> | Response> {
  const start = await lifecycle.begin(input, context);
  if (start.kind === 'bypass') return await invoke();
  if (start.kind !== 'claimed') return start.response;
  let result: Awaited<Result>;
  try {
    result = await invoke();
  } catch (error) {
    await lifecycle.release(start.claim);
    throw error;
  }
  await lifecycle.complete(start.claim, result);
  return result;
}
