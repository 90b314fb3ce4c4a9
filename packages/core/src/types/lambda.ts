/**
 * The members of the AWS Lambda `Context` that idem reads. The `Context` type of
 * `@types/aws-lambda` is assignable to it, so handlers typed with that package work as they are,
 * and `@idem/core` does not depend on it.
 */
export interface LambdaContext {
  functionName: string;
  awsRequestId: string;
  getRemainingTimeInMillis(): number;
}
