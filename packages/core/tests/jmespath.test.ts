import { gzipSync } from 'node:zlib';
import { IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { Functions } from '@idem/core/types';
import { search } from '@jmespath-community/jmespath';
import { keyOf } from './helpers/store.js';

const apiGatewayEvent = (body: object) => ({
  version: '2.0',
  routeKey: 'POST /charges',
  rawPath: '/charges',
  headers: { 'content-type': 'application/json', 'x-request-id': `r-${Math.random()}` },
  requestContext: { requestId: `req-${Math.random()}`, http: { method: 'POST' } },
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

/** The key a config derives from an event, observed through the record the call stores. */
async function storedKeyFor(config: IdempotencyConfig, event: unknown): Promise<string | undefined> {
  const persistenceStore = new MemoryPersistenceLayer();
  const keys: string[] = [];
  const claim = jest.spyOn(persistenceStore, 'claim').mockImplementation(async (identity, options) => {
    keys.push(identity.idempotencyKey);
    return MemoryPersistenceLayer.prototype.claim.call(persistenceStore, identity, options);
  });
  await makeIdempotent(async (_event: unknown) => 'ok', { persistenceStore, config, keyPrefix: 'p' })(event);
  claim.mockRestore();
  return keys[0];
}

describe('JMESPath expressions', () => {
  it('powertools_json decodes a JSON body, so the key is a member of it', async () => {
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'powertools_json(body).orderId' });
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: unknown) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, config });

    await idempotentCharge(apiGatewayEvent({ orderId: 'o-1', amount: 42 }));
    await idempotentCharge(apiGatewayEvent({ amount: 42, orderId: 'o-1' }));
    await idempotentCharge(apiGatewayEvent({ orderId: 'o-2', amount: 42 }));

    expect(charge).toHaveBeenCalledTimes(2);
    await expect(storedKeyFor(config, apiGatewayEvent({ orderId: 'o-1' }))).resolves.toBe(keyOf('p', 'o-1'));
  });

  it('powertools_base64 decodes a base64 string, as in a Kinesis record', async () => {
    const kinesisRecord = {
      kinesis: { partitionKey: 'pk', data: Buffer.from(JSON.stringify({ orderId: 'o-7', amount: 1 })).toString('base64') },
      eventID: 'shardId-000:1',
    };
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'powertools_json(powertools_base64(kinesis.data)).orderId' });

    await expect(storedKeyFor(config, kinesisRecord)).resolves.toBe(keyOf('p', 'o-7'));
  });

  it('powertools_base64_gzip decodes a base64 gzip string, as in a CloudWatch Logs subscription event', async () => {
    const logs = { messageType: 'DATA_MESSAGE', logGroup: '/orders', logEvents: [{ id: 'evt-1', message: 'charged' }] };
    const event = { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(logs))).toString('base64') } };
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'powertools_json(powertools_base64_gzip(awslogs.data)).logEvents[0].id',
    });

    await expect(storedKeyFor(config, event)).resolves.toBe(keyOf('p', 'evt-1'));
  });

  it('the built-ins work in payloadValidationJmesPath too', async () => {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'powertools_json(body).orderId',
      payloadValidationJmesPath: 'powertools_json(body).amount',
    });
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_event: unknown) => 'charged', { persistenceStore, config });

    await idempotentCharge(apiGatewayEvent({ orderId: 'o-1', amount: 42 }));
    await expect(idempotentCharge(apiGatewayEvent({ orderId: 'o-1', amount: 43 }))).rejects.toThrow('differs');
  });

  it('a custom function given in jmesPathOptions can be called in the key expression', async () => {
    const jmesPathOptions: Functions = {
      lowercase_email: { signature: [['string']], fn: (email) => (email as string).trim().toLowerCase() },
    };
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'lowercase_email(customer.email)', jmesPathOptions });
    const persistenceStore = new MemoryPersistenceLayer();
    const signUp = jest.fn(async (_event: { customer: { email: string } }) => 'welcome');
    const idempotentSignUp = makeIdempotent(signUp, { persistenceStore, config });

    await idempotentSignUp({ customer: { email: 'Ada@Example.com' } });
    await idempotentSignUp({ customer: { email: ' ada@example.COM ' } });
    expect(signUp).toHaveBeenCalledTimes(1);
  });

  it('a variadic custom function receives all its arguments', async () => {
    const jmesPathOptions: Functions = {
      concat: { signature: [['string']], variadic: true, fn: (...parts) => parts.join('|') },
    };
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'concat(tenant, orderId, currency)', jmesPathOptions });

    await expect(storedKeyFor(config, { tenant: 't', orderId: 'o', currency: 'EUR' })).resolves.toBe(keyOf('p', 't|o|EUR'));
  });

  it('custom functions of one config do not leak into another config, nor into the library', async () => {
    const withTenant = new IdempotencyConfig({
      eventKeyJmesPath: 'tenant_of(@)',
      jmesPathOptions: { tenant_of: { signature: [['object']], fn: (event) => (event as { tenant: string }).tenant } },
    });
    const without = new IdempotencyConfig({ eventKeyJmesPath: 'tenant_of(@)' });

    await expect(storedKeyFor(withTenant, { tenant: 't-1' })).resolves.toBe(keyOf('p', 't-1'));
    await expect(storedKeyFor(without, { tenant: 't-1' })).rejects.toBeInstanceOf(IdempotencyKeyError);
    expect(() => search({ tenant: 't-1' }, 'tenant_of(@)')).toThrow();
  });

  it('two configs may define a function of the same name differently', async () => {
    const upper = new IdempotencyConfig({
      eventKeyJmesPath: 'normalize(id)',
      jmesPathOptions: { normalize: { signature: [['string']], fn: (id) => (id as string).toUpperCase() } },
    });
    const lower = new IdempotencyConfig({
      eventKeyJmesPath: 'normalize(id)',
      jmesPathOptions: { normalize: { signature: [['string']], fn: (id) => (id as string).toLowerCase() } },
    });

    await expect(storedKeyFor(upper, { id: 'AbC' })).resolves.toBe(keyOf('p', 'ABC'));
    await expect(storedKeyFor(lower, { id: 'AbC' })).resolves.toBe(keyOf('p', 'abc'));
    await expect(storedKeyFor(upper, { id: 'AbC' })).resolves.toBe(keyOf('p', 'ABC'));
  });
});
