import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponse } from '@idem/http';
import type { RequestSource } from './requestSource.js';

/** One event source, with a fixture of its real event shape (ALB has no authorizer: callerOptions say how to know callers). */
export interface EventSource extends RequestSource {
  fixture: string;
}

export const eventSources: EventSource[] = [
  {
    name: 'API Gateway REST (Cognito authorizer)',
    fixture: 'api-gateway-rest.json',
    repeatedHeaders: 'separate',
    callerOptions: {},
  },
  { name: 'API Gateway REST (IAM)', fixture: 'api-gateway-rest-iam.json', repeatedHeaders: 'separate', callerOptions: {} },
  {
    name: 'API Gateway HTTP API (JWT authorizer)',
    fixture: 'api-gateway-http-jwt.json',
    repeatedHeaders: 'joined',
    callerOptions: {},
  },
  {
    name: 'Lambda Function URL (IAM, base64 body)',
    fixture: 'function-url-iam.json',
    repeatedHeaders: 'joined',
    callerOptions: {},
  },
  {
    name: 'ALB',
    fixture: 'alb.json',
    repeatedHeaders: 'last',
    // Behind the ALB's authenticate action, which overwrites this header: trusted only there.
    callerOptions: { callerIdentity: (event) => event.headers?.['x-amzn-oidc-identity'] },
  },
  {
    name: 'ALB (multi-value headers, base64 body)',
    fixture: 'alb-multi-value.json',
    repeatedHeaders: 'separate',
    callerOptions: { callerIdentity: (event) => event.multiValueHeaders?.['x-amzn-oidc-identity']?.[0] },
  },
];

/** What a test request differs in from its fixture. */
export interface RequestSpec {
  method?: string;
  path?: string;
  /** The Idempotency-Key field lines; a string is one line; null sends none. @default the fixture's */
  key?: string | string[] | null;
  /** Name under which the key is sent. @default 'Idempotency-Key' */
  keyHeaderName?: string;
  /** Request body as text; encoded as the fixture encodes it. @default the fixture's */
  body?: string | null;
  /** Caller identity, put where this source's authorizer puts it. @default the fixture's */
  caller?: string | null;
  /** A binary body instead of `body`: base64 with isBase64Encoded on Lambda, application/octet-stream on a server. */
  binaryBody?: Uint8Array;
}

type Json = Record<string, any>;

/** A copy of the source's fixture, changed as the spec asks. */
export function httpEvent(source: EventSource, spec: RequestSpec = {}): Json {
  const event = JSON.parse(readFileSync(join(__dirname, '../fixtures', source.fixture), 'utf8')) as Json;
  const v2 = event.version === '2.0';
  if (spec.method !== undefined) {
    if (v2) event.requestContext.http.method = spec.method;
    else event.httpMethod = spec.method;
    if (event.requestContext.httpMethod) event.requestContext.httpMethod = spec.method;
  }
  if (spec.path !== undefined) {
    if (v2) {
      event.rawPath = spec.path;
      event.requestContext.http.path = spec.path;
    } else {
      event.path = spec.path;
      if (event.resource) event.resource = spec.path;
    }
  }
  if (spec.key !== undefined)
    setHeader(event, source, spec.keyHeaderName ?? 'Idempotency-Key', spec.key === null ? [] : [spec.key].flat());
  if (spec.body !== undefined) {
    event.body =
      spec.body === null
        ? v2
          ? undefined
          : null
        : event.isBase64Encoded
          ? Buffer.from(spec.body).toString('base64')
          : spec.body;
  }
  if (spec.binaryBody !== undefined) {
    event.body = Buffer.from(spec.binaryBody).toString('base64');
    event.isBase64Encoded = true;
  }
  if (spec.caller !== undefined) setCaller(event, source, spec.caller);
  return event;
}

function setHeader(event: Json, source: EventSource, name: string, lines: string[]): void {
  for (const field of ['headers', 'multiValueHeaders']) {
    if (!event[field]) continue;
    for (const existing of Object.keys(event[field]))
      if (existing.toLowerCase() === name.toLowerCase()) delete event[field][existing];
  }
  if (lines.length === 0) return;
  const headerName = event.version === '2.0' ? name.toLowerCase() : name;
  if (event.multiValueHeaders) event.multiValueHeaders[headerName] = lines;
  if (event.headers) {
    event.headers[headerName] = source.repeatedHeaders === 'joined' ? lines.join(', ') : (lines[lines.length - 1] as string);
  }
}

function setCaller(event: Json, source: EventSource, caller: string | null): void {
  const context = event.requestContext;
  if (context.elb) {
    setHeader(event, source, 'x-amzn-oidc-identity', caller === null ? [] : [caller]);
  } else if (context.authorizer?.jwt) {
    context.authorizer.jwt.claims.sub = caller;
  } else if (context.authorizer?.claims) {
    context.authorizer.claims.sub = caller;
  } else if (context.authorizer?.iam) {
    context.authorizer.iam.userArn = caller === null ? null : `arn:aws:iam::123456789012:user/${caller}`;
  } else if (context.identity) {
    context.identity.userArn = caller === null ? null : `arn:aws:iam::123456789012:user/${caller}`;
  }
}

/** A Lambda context with time to spare. */
export function lambdaContext(requestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef') {
  return {
    functionName: 'orders',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/orders',
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
  };
}

/** A response header's values, whatever its case and wherever the source put it. */
export function header(response: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  for (const [key, values] of Object.entries(response.multiValueHeaders ?? {}))
    if (key.toLowerCase() === wanted) return values.join(', ');
  return undefined;
}

/** The response body as text, base64 decoded when the response says so. */
export function bodyText(response: HttpResponse): string | undefined {
  if (response.body === undefined) return undefined;
  return response.isBase64Encoded ? Buffer.from(response.body, 'base64').toString('utf8') : response.body;
}
