import { jwtIdentity } from '../rules/jwtIdentity.js';
import type { EventJson } from './eventJson.js';

/**
 * The caller's identity as the event's authorizer established it, or undefined when there is
 * none. Only what API Gateway or Lambda fill in is read, never a request header, since a client
 * can set any header (an ALB's `x-amzn-oidc-*` headers are trusted only behind its
 * authentication action: pass `callerIdentity` for that). Each identity is tagged with its kind,
 * so a JWT `sub` can never equal a principal id of the same text.
 */
export function defaultCallerIdentity(event: unknown): string | undefined {
  const context = (event as EventJson | undefined)?.requestContext as EventJson | undefined;
  if (!context) return undefined;
  const authorizer = (context.authorizer ?? {}) as EventJson;

  // HTTP API JWT authorizer (v2), then a REST Cognito user pool authorizer (v1).
  const jwt = jwtIdentity(authorizer.jwt?.claims ?? authorizer.claims);
  if (jwt) return jwt;
  // Lambda authorizer (REST, HTTP API with the 1.0 response format).
  if (nonEmpty(authorizer.principalId)) return `principal:${authorizer.principalId}`;
  // IAM authorization: HTTP API and Function URLs (v2), then REST (v1). A Cognito identity pool
  // user comes first: every user of a pool shares the pool role's ARN.
  const cognitoIdentity = authorizer.iam?.cognitoIdentity?.identityId ?? context.identity?.cognitoIdentityId;
  if (nonEmpty(cognitoIdentity)) return `cognito-identity:${cognitoIdentity}`;
  const iamArn = authorizer.iam?.userArn ?? context.identity?.userArn;
  if (nonEmpty(iamArn)) return `iam:${iamArn}`;
  return undefined;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
