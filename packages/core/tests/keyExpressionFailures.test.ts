import { IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

describe('a key or validation expression that fails on the payload', () => {
  it.each([
    [
      'powertools_json on a body that is not JSON',
      { eventKeyJmesPath: 'powertools_json(body).id' },
      { body: '{"card":"4111 1111' },
    ],
    ['powertools_json on a number', { eventKeyJmesPath: 'powertools_json(body).id' }, { body: 42 }],
    ['length of a number', { eventKeyJmesPath: 'length(body)' }, { body: 5 }],
    [
      'a validation expression on a body that is not JSON',
      { payloadValidationJmesPath: 'powertools_json(body)' },
      { body: '{"card":"4111 1111' },
    ],
  ])(
    '(%s) raises IdempotencyKeyError without quoting the payload, and the function does not run',
    async (_label, options, payload) => {
      let runs = 0;
      const charge = makeIdempotent(async (_event: unknown) => ++runs, {
        persistenceStore: new MemoryPersistenceLayer(),
        keyPrefix: 'charge',
        config: new IdempotencyConfig(options),
      });

      const call = charge(payload);
      await expect(call).rejects.toBeInstanceOf(IdempotencyKeyError);
      await expect(call).rejects.toThrow(/cannot be applied to this payload/);
      await expect(call).rejects.not.toThrow(/4111/);
      expect(runs).toBe(0);
    }
  );
});
