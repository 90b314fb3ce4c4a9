import type { HttpAdapter } from '../types/frontEnd.js';
import type { HttpResponse } from '../types/http.js';
import { defaultCallerIdentity } from './callerIdentity.js';
import { type LambdaHttpRequest, readLambdaRequest } from './readLambdaRequest.js';
import { readLambdaResult } from './readLambdaResult.js';
import { shapeLambdaResponse } from './shapeLambdaResponse.js';

/**
 * API Gateway (REST, HTTP API), Function URL and ALB events and responses. A store failure after
 * the handler is thrown: Lambda has no response to send but the invocation's outcome.
 */
export const lambdaAdapter: HttpAdapter<unknown, HttpResponse, LambdaHttpRequest> = {
  readRequest: readLambdaRequest,
  respond: shapeLambdaResponse,
  readResponse: readLambdaResult,
  defaultCallerIdentity,
  storeFailureAfterHandler: 'throw',
};
