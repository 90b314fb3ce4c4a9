import {
  encryptedResponses,
  IdempotencyConfig,
  IdempotencyConfigurationError,
  IdempotencyEngine,
  IdempotencyRecord,
  idempotent,
  jsonLogListener,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

// A JavaScript caller's typo must fail where the object is built, naming the option, instead of
// being ignored and leaving the default in force.
const persistenceStore = new MemoryPersistenceLayer();
const typo = (build: () => unknown) => expect(build).toThrow(IdempotencyConfigurationError);

describe('an unknown option fails where it is built, naming it and the option it most likely meant', () => {
  it('IdempotencyConfig', () => {
    typo(() => new IdempotencyConfig({ expiresAfterSecond: 60 } as never));
    expect(() => new IdempotencyConfig({ expiresAfterSecond: 60 } as never)).toThrow(
      /^expiresAfterSecond: not an option of IdempotencyConfig; did you mean expiresAfterSeconds\?/
    );
  });

  it('makeIdempotent', () => {
    expect(() =>
      makeIdempotent(async (order: { id: string }) => order.id, { persistenceStore, dataIndexArgumnet: 1 } as never)
    ).toThrow(/^dataIndexArgumnet: not an option of makeIdempotent; did you mean dataIndexArgument\?/);
  });

  it('@idempotent', () => {
    expect(() => idempotent({ persistenceStore, keyprefix: 'orders' } as never)).toThrow(
      /^keyprefix: not an option of @idempotent; did you mean keyPrefix\?/
    );
  });

  it('MemoryPersistenceLayer', () => {
    expect(() => new MemoryPersistenceLayer({ sweepEvery: 10 } as never)).toThrow(
      /^sweepEvery: not an option of MemoryPersistenceLayer/
    );
  });

  it('IdempotencyRecord and IdempotencyEngine', () => {
    expect(() => new IdempotencyRecord({ idempotencyKey: 'fn#k', status: 'COMPLETED', expiryTimeStamp: 1 } as never)).toThrow(
      /^expiryTimeStamp: not an option of IdempotencyRecord; did you mean expiryTimestamp\?/
    );
    expect(() => new IdempotencyEngine({ persistenceStore, keyPrefix: 'fn', configuration: {} } as never)).toThrow(
      /^configuration: not an option of IdempotencyEngine/
    );
  });

  it('jsonLogListener and encryptedResponses', () => {
    typo(() => jsonLogListener({ writer: () => undefined } as never));
    typo(() => encryptedResponses({ keys: [{ id: 'k1', key: new Uint8Array(32) }], serialiser: undefined } as never));
  });

  it('a name far from every option gets the list of options, not a guess', () => {
    expect(() => new IdempotencyConfig({ colour: 'blue' } as never)).toThrow(
      /^colour: not an option of IdempotencyConfig \(options: eventKeyJmesPath, payloadValidationJmesPath,/
    );
  });
});

describe('a wrapper is given what it needs, or fails where it is built', () => {
  it('a persistenceStore that is not a store', () => {
    expect(() => makeIdempotent(async () => 1, { persistenceStore: {} as never })).toThrow(
      /^persistenceStore: expected a persistence layer such as MemoryPersistenceLayer, got a plain object without claim/
    );
  });

  it('a config that is not an IdempotencyConfig', () => {
    expect(() => makeIdempotent(async () => 1, { persistenceStore, config: { eventKeyJmesPath: 'id' } as never })).toThrow(
      /^config: expected an IdempotencyConfig/
    );
  });
});
