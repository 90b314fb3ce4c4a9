// Type-level checks, enforced by `tsc -p tsconfig.typecheck.json`: a wrapped handler still fits
// the handler types of @types/aws-lambda for every event source, and so does the middleware.
import { MemoryPersistenceLayer } from '@idem/core';
import { makeHttpIdempotent } from '@idem/http';
import { httpIdempotency } from '@idem/http/middy';
import middy from '@middy/core';
import type {
  ALBEvent,
  ALBHandler,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2,
  APIGatewayProxyResult,
  Context,
  LambdaFunctionURLHandler,
} from 'aws-lambda';

const persistenceStore = new MemoryPersistenceLayer();
const ok = { statusCode: 200, body: 'ok' };

const rest: APIGatewayProxyHandler = makeHttpIdempotent(async (_: APIGatewayProxyEvent, __: Context) => ok, {
  persistenceStore,
  callerIdentity: (event) => event.requestContext.authorizer?.principalId,
});
const httpApi: APIGatewayProxyHandlerV2 = makeHttpIdempotent(async (_: APIGatewayProxyEventV2, __: Context) => ok, {
  persistenceStore,
});
const functionUrl: LambdaFunctionURLHandler = makeHttpIdempotent(async (_: APIGatewayProxyEventV2, __: Context) => ok, {
  persistenceStore,
});
const alb: ALBHandler = makeHttpIdempotent(async (_: ALBEvent, __: Context) => ok, { persistenceStore });
const withMiddy = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ok).use(
  httpIdempotency<APIGatewayProxyEvent>({ persistenceStore, callerIdentity: (event) => event.requestContext.identity.userArn })
);

describe('the public types', () => {
  it('let a wrapped handler or a Middy chain stand where @types/aws-lambda handler types are expected', () => {
    for (const handler of [rest, httpApi, functionUrl, alb, withMiddy]) expect(typeof handler).toBe('function');
  });
});
