import { getHashes } from 'node:crypto';
import {
  IdempotencyConfig,
  IdempotencyConfigurationError,
  MemoryPersistenceLayer,
  makeIdempotent,
  persistenceAttributeDefaults,
} from '@idem/core';
import type { IdempotencyConfigOptions } from '@idem/core/types';
import { lambdaContext } from './helpers/lambdaContext.js';
import { keyOf } from './helpers/store.js';

describe('IdempotencyConfig', () => {
  it('has the documented default for every option', () => {
    const config = new IdempotencyConfig({});

    expect(config.eventKeyJmesPath).toBe('');
    expect(config.payloadValidationJmesPath).toBeUndefined();
    expect(config.jmesPathOptions).toEqual({});
    expect(config.throwOnNoIdempotencyKey).toBe(false);
    expect(config.expiresAfterSeconds).toBe(3600);
    expect(config.inProgressExpiresAfterSeconds).toBe(60);
    expect(config.durableExecutionTimeoutSeconds).toBe(31_622_400);
    expect(config.useLocalCache).toBe(false);
    expect(config.maxLocalCacheSize).toBe(1000);
    expect(config.hashFunction).toBe('md5');
    expect(config.lambdaContext).toBeUndefined();
    expect(config.responseHook).toBeUndefined();
    expect(config.responseSerializer).toBeUndefined();
    expect(config.keyScope).toBeUndefined();
    expect(config.renewInProgressLease).toBe(false);
    expect(config.onEvent).toBeUndefined();
    expect(config.isEnabled()).toBe(true);
  });

  it('can be built without options', () => {
    expect(new IdempotencyConfig().expiresAfterSeconds).toBe(3600);
  });

  it('keeps every option it is given', () => {
    const context = lambdaContext(1000);
    const responseHook = () => null;
    const responseSerializer = { serialize: () => null, deserialize: () => null };
    const jmesPathOptions = { noop: { signature: [['any']] as const, fn: () => null } };
    const keyScope = () => 'tenant';
    const onEvent = () => {};
    const options: Required<IdempotencyConfigOptions> = {
      eventKeyJmesPath: 'body',
      payloadValidationJmesPath: 'amount',
      jmesPathOptions,
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds: 10,
      inProgressExpiresAfterSeconds: 5,
      durableExecutionTimeoutSeconds: 86_400,
      useLocalCache: true,
      maxLocalCacheSize: 7,
      hashFunction: 'sha256',
      lambdaContext: context,
      responseHook,
      responseSerializer,
      keyScope,
      renewInProgressLease: true,
      onEvent,
    };
    const config = new IdempotencyConfig(options);

    expect(config).toMatchObject({ ...options, jmesPathOptions });
    expect(config.lambdaContext).toBe(context);
    expect(config.responseHook).toBe(responseHook);
    expect(config.responseSerializer).toBe(responseSerializer);
    expect(config.keyScope).toBe(keyScope);
    expect(config.onEvent).toBe(onEvent);
  });

  it('the persistence attribute names default to the seed names', () => {
    expect(persistenceAttributeDefaults).toEqual({
      expiryAttr: 'expiration',
      inProgressExpiryAttr: 'in_progress_expiration',
      statusAttr: 'status',
      dataAttr: 'data',
      validationKeyAttr: 'validation',
    });
  });

  it('registerLambdaContext sets the context of the config', () => {
    const config = new IdempotencyConfig({});
    const context = lambdaContext(1234);
    config.registerLambdaContext(context);
    expect(config.lambdaContext).toBe(context);
  });

  it.each(['sha256', 'sha1', 'SHA512'])('hashFunction %s is used for the key', async (hashFunction) => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentFn = makeIdempotent(async (_order: { orderId: string }) => 'ok', {
      persistenceStore,
      keyPrefix: 'p',
      config: new IdempotencyConfig({ hashFunction, eventKeyJmesPath: 'orderId' }),
    });

    await idempotentFn({ orderId: 'o-1' });
    const record = await persistenceStore.fetch(keyOf('p', 'o-1', hashFunction));
    expect(record.getStatus()).toBe('COMPLETED');
  });

  it('accepts every hash algorithm node:crypto lists', () => {
    for (const hashFunction of getHashes()) {
      expect(() => new IdempotencyConfig({ hashFunction })).not.toThrow();
    }
  });

  describe('invalid options throw IdempotencyConfigurationError naming the option', () => {
    const cases: Array<[string, IdempotencyConfigOptions, string]> = [
      ['zero expiry', { expiresAfterSeconds: 0 }, 'expiresAfterSeconds'],
      ['negative expiry', { expiresAfterSeconds: -1 }, 'expiresAfterSeconds'],
      ['NaN expiry', { expiresAfterSeconds: Number.NaN }, 'expiresAfterSeconds'],
      ['infinite expiry', { expiresAfterSeconds: Number.POSITIVE_INFINITY }, 'expiresAfterSeconds'],
      ['expiry given as text', { expiresAfterSeconds: '3600' as unknown as number }, 'expiresAfterSeconds'],
      ['zero in-progress expiry', { inProgressExpiresAfterSeconds: 0 }, 'inProgressExpiresAfterSeconds'],
      ['negative in-progress expiry', { inProgressExpiresAfterSeconds: -5 }, 'inProgressExpiresAfterSeconds'],
      ['NaN in-progress expiry', { inProgressExpiresAfterSeconds: Number.NaN }, 'inProgressExpiresAfterSeconds'],
      ['zero durable execution timeout', { durableExecutionTimeoutSeconds: 0 }, 'durableExecutionTimeoutSeconds'],
      [
        'a durable execution timeout in milliseconds (above 366 days)',
        { durableExecutionTimeoutSeconds: 86_400_000 },
        'durableExecutionTimeoutSeconds',
      ],
      ['zero cache size', { maxLocalCacheSize: 0 }, 'maxLocalCacheSize'],
      ['negative cache size', { maxLocalCacheSize: -1 }, 'maxLocalCacheSize'],
      ['fractional cache size', { maxLocalCacheSize: 1.5 }, 'maxLocalCacheSize'],
      ['NaN cache size', { maxLocalCacheSize: Number.NaN }, 'maxLocalCacheSize'],
      ['unknown hash algorithm', { hashFunction: 'md6' }, 'hashFunction'],
      ['invalid key expression', { eventKeyJmesPath: 'body.[' }, 'eventKeyJmesPath'],
      ['invalid validation expression', { payloadValidationJmesPath: 'amount ||' }, 'payloadValidationJmesPath'],
      ['empty validation expression', { payloadValidationJmesPath: '' }, 'payloadValidationJmesPath'],
      [
        'a custom function replacing a built-in',
        { jmesPathOptions: { powertools_json: { signature: [['string']], fn: () => null } } },
        'jmesPathOptions',
      ],
      [
        'a custom function with an unknown argument type',
        { jmesPathOptions: { twice: { signature: [['integer' as 'number']], fn: () => null } } },
        'jmesPathOptions.twice',
      ],
      [
        'a custom function replacing a JMESPath built-in',
        { jmesPathOptions: { length: { signature: [['string']], fn: () => 0 } } },
        'jmesPathOptions.length',
      ],
      [
        'a custom function without fn',
        { jmesPathOptions: { broken: { signature: [['string']] } as never } },
        'jmesPathOptions.broken',
      ],
    ];

    it.each(cases)('%s', (_label, options, optionName) => {
      let error: unknown;
      try {
        new IdempotencyConfig(options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(IdempotencyConfigurationError);
      expect((error as Error).name).toBe('IdempotencyConfigurationError');
      expect((error as Error).message).toContain(optionName);
    });
  });
});
