import { CachePersistenceLayer } from '@idem/cache';
import {
  IdempotencyConfig,
  type IdempotencyConfigOptions,
  IdempotencyConfigurationError,
  IdempotencyKeyError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import type { DynamoDBPersistenceOptions } from '@idem/dynamodb/types';
import { recordFigure } from '../src/figures.js';
import { errorName } from '../src/outcomes.js';

/** An invalid setting, the option its error must name, and how it is built. */
type InvalidSetting = [label: string, option: string, build: () => unknown];

const config = (options: IdempotencyConfigOptions) => () => new IdempotencyConfig(options);
const dynamodb = (options: Partial<DynamoDBPersistenceOptions>) => () =>
  new DynamoDBPersistenceLayer({ clientConfig: { region: 'us-east-1' }, ...options } as DynamoDBPersistenceOptions);

const settings: InvalidSetting[] = [
  ['a zero expiry', 'expiresAfterSeconds', config({ expiresAfterSeconds: 0 })],
  ['a negative expiry', 'expiresAfterSeconds', config({ expiresAfterSeconds: -60 })],
  ['a NaN expiry', 'expiresAfterSeconds', config({ expiresAfterSeconds: Number.NaN })],
  ['a zero in-progress expiry', 'inProgressExpiresAfterSeconds', config({ inProgressExpiresAfterSeconds: 0 })],
  ['a negative in-progress expiry', 'inProgressExpiresAfterSeconds', config({ inProgressExpiresAfterSeconds: -1 })],
  ['an invalid key expression', 'eventKeyJmesPath', config({ eventKeyJmesPath: 'body.[' })],
  ['an invalid validation expression', 'payloadValidationJmesPath', config({ payloadValidationJmesPath: 'amount ||' })],
  ['an unknown hash algorithm', 'hashFunction', config({ hashFunction: 'md55' })],
  ['a zero local cache size', 'maxLocalCacheSize', config({ useLocalCache: true, maxLocalCacheSize: 0 })],
  ['an empty DynamoDB table name', 'tableName', dynamodb({ tableName: '' })],
  ['a missing DynamoDB table name', 'tableName', dynamodb({})],
  ['a Redis layer without a client', 'client', () => new CachePersistenceLayer({} as never)],
];

describe('invalid configuration fails when the config or layer is built, naming the option', () => {
  const failures: string[] = [];
  afterAll(() => {
    recordFigure({
      id: 'configuration',
      section: 'Bad input',
      title: 'Invalid configuration fails when built, with IdempotencyConfigurationError naming the option',
      store: 'none (IdempotencyConfig, DynamoDBPersistenceLayer, CachePersistenceLayer constructors)',
      applied: settings.map(([label]) => label).join('; '),
      calls: settings.length,
      executions: 0,
      keys: 0,
      results: 0,
      errors: failures.reduce<Record<string, number>>((counts, name) => {
        counts[name] = (counts[name] ?? 0) + 1;
        return counts;
      }, {}),
      recordsLeftInProgress: 0,
      durationMs: 0,
    });
  });

  it.each(settings)('%s: IdempotencyConfigurationError naming %s', (_label, option, build) => {
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    failures.push(thrown === undefined ? 'built without error' : errorName(thrown));
    expect(thrown).toBeInstanceOf(IdempotencyConfigurationError);
    expect((thrown as Error).message).toContain(option);
  });
});

describe('what the build cannot see', () => {
  it('an unknown function in the key expression compiles, and each call then fails with IdempotencyKeyError naming the option', async () => {
    let runs = 0;
    const charge = makeIdempotent(async (_event: unknown) => ++runs, {
      persistenceStore: new MemoryPersistenceLayer(),
      keyPrefix: 'charge',
      config: new IdempotencyConfig({ eventKeyJmesPath: 'no_such_function(body)' }),
    });
    const call = charge({ body: 'x' });
    await expect(call).rejects.toBeInstanceOf(IdempotencyKeyError);
    await expect(call).rejects.toThrow(/eventKeyJmesPath/);
    expect(runs).toBe(0);
  });
});
