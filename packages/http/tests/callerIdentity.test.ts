import { defaultCallerIdentity } from '@idem/http';
import { eventSources, httpEvent } from './support/events.js';

const source = (name: string) => eventSources.find((s) => s.name.startsWith(name))!;

describe('the default caller identity', () => {
  it.each([
    [
      'API Gateway REST (Cognito',
      'jwt:https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1Cd2Ef3|7d8ca528-4931-4254-9273-ea5ee853f271',
    ],
    ['API Gateway REST (IAM', 'iam:arn:aws:iam::123456789012:user/orders-client'],
    [
      'API Gateway HTTP API',
      'jwt:https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab1Cd2Ef3|7d8ca528-4931-4254-9273-ea5ee853f271',
    ],
    ['Lambda Function URL', 'iam:arn:aws:iam::123456789012:user/orders-client'],
  ])('of a %s) event is what its authorizer established', (name, identity) => {
    expect(defaultCallerIdentity(httpEvent(source(name)))).toBe(identity);
  });

  it('of a Lambda authorizer is its principalId', () => {
    const event = httpEvent(source('API Gateway REST (Cognito'));
    event.requestContext.authorizer = { principalId: 'customer-17', integrationLatency: 12 };
    expect(defaultCallerIdentity(event)).toBe('principal:customer-17');
  });

  it('of a Cognito identity pool caller is its identity id, not the pool role it shares with every other user', () => {
    const event = httpEvent(source('API Gateway REST (IAM'));
    event.requestContext.identity.userArn =
      'arn:aws:sts::123456789012:assumed-role/Cognito_OrdersAuth_Role/CognitoIdentityCredentials';
    event.requestContext.identity.cognitoIdentityId = 'eu-west-1:1f2e3d4c';
    expect(defaultCallerIdentity(event)).toBe('cognito-identity:eu-west-1:1f2e3d4c');
  });

  it('never trusts a request header: an ALB event is anonymous even with x-amzn-oidc-identity set by the client', () => {
    const event = httpEvent(source('ALB'));
    event.headers['x-amzn-oidc-identity'] = 'alice';
    expect(defaultCallerIdentity(event)).toBeUndefined();
  });

  it('tags identities with their kind, so a principal id cannot pose as a JWT subject of the same text', () => {
    const jwt = httpEvent(source('API Gateway HTTP API'));
    jwt.requestContext.authorizer.jwt.claims = { sub: 'x' };
    const principal = httpEvent(source('API Gateway REST (Cognito'));
    principal.requestContext.authorizer = { principalId: 'x' };
    expect(defaultCallerIdentity(jwt)).not.toBe(defaultCallerIdentity(principal));
  });
});
