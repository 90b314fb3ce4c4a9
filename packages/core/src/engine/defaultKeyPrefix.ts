import { createHash } from 'node:crypto';

/**
 * The key prefix of a wrapped function when none is given: `${AWS_LAMBDA_FUNCTION_NAME}.${name}`,
 * as Powertools does, so two functions that share a layer never share records. An anonymous
 * function is named by a hash of its source, which is the same in every process that runs the
 * same code.
 */
export function defaultKeyPrefix(functionName: string, fn?: (...args: never[]) => unknown): string {
  const lambdaName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';
  const name = functionName || (fn ? `anonymous-${createHash('sha1').update(fn.toString()).digest('hex').slice(0, 12)}` : '');
  return `${lambdaName}.${name}`;
}
