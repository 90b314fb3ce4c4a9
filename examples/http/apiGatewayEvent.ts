// What API Gateway REST (Lambda proxy integration, Cognito user pool authorizer) passes to the
// function, trimmed to the fields that matter here.
export interface RestRequest {
  user: string;
  idempotencyKey?: string;
  body: unknown;
}

export function apiGatewayEvent(request: RestRequest) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Host: 'api.example.com' };
  if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = `"${request.idempotencyKey}"`;
  return {
    resource: '/orders',
    path: '/orders',
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: { claims: { sub: request.user, iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1Cd2Ef3' } },
      httpMethod: 'POST',
      identity: { sourceIp: '203.0.113.7', userArn: null },
      path: '/prod/orders',
      requestId: crypto.randomUUID(),
      resourcePath: '/orders',
      stage: 'prod',
    },
    body: JSON.stringify(request.body),
    isBase64Encoded: false,
  };
}

export function lambdaContext() {
  const deadline = Date.now() + 29_000; // API Gateway's integration timeout
  return {
    functionName: 'orders-api',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}
