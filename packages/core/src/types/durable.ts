import type { LambdaContext } from './lambda.js';

/**
 * The members of the `DurableContext` of `@aws/durable-execution-sdk-js` that idem reads: what a
 * handler wrapped by `withDurableExecution` receives as its second argument. The SDK's
 * `DurableContext` is assignable to it, so durable handlers work as they are typed, and
 * `@idem/core` does not depend on the SDK.
 */
export interface LambdaDurableContext {
  /** The Lambda context of the current invocation of the durable execution. */
  lambdaContext: LambdaContext;
  /** The durable execution; its ARN is the same on every invocation and replay of one execution. */
  executionContext: { durableExecutionArn: string };
}

/** What a Lambda handler receives as its second argument: a Lambda `Context`, or a `DurableContext`. */
export type LambdaHandlerContext = LambdaContext | LambdaDurableContext;
