import { IdempotencyUnknownError } from '@idem/core';

/**
 * The wrapped handler was invoked with an event that is not an HTTP request of API Gateway
 * (REST or HTTP API), a Lambda Function URL or an Application Load Balancer.
 */
export class IdempotencyHttpEventError extends IdempotencyUnknownError {}
