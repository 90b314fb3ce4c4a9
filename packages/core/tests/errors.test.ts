import * as core from '@idem/core';

const seedErrorNames = [
  'IdempotencyUnknownError',
  'IdempotencyItemAlreadyExistsError',
  'IdempotencyItemNotFoundError',
  'IdempotencyAlreadyInProgressError',
  'IdempotencyInvalidStatusError',
  'IdempotencyValidationError',
  'IdempotencyInconsistentStateError',
  'IdempotencyPersistenceLayerError',
  'IdempotencyKeyError',
  'IdempotencyPersistenceConsistencyError',
] as const;

describe('error classes', () => {
  it.each(seedErrorNames)('%s is exported from @idem/core, named after itself, and is an IdempotencyUnknownError', (name) => {
    const ErrorClass = (core as unknown as Record<string, (new (message?: string, ...rest: unknown[]) => Error) | undefined>)[
      name
    ];
    if (ErrorClass === undefined) throw new Error(`${name} is not exported from @idem/core`);
    const error = new ErrorClass('message');
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(core.IdempotencyUnknownError);
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('socket closed');
    expect(new core.IdempotencyPersistenceLayerError('failed', { cause }).cause).toBe(cause);
  });

  it('carries the existing record on errors about one', () => {
    const record = new core.IdempotencyRecord({ idempotencyKey: 'k', status: 'INPROGRESS' });
    expect(new core.IdempotencyAlreadyInProgressError('busy', record).existingRecord).toBe(record);
    expect(new core.IdempotencyValidationError('mismatch', record).existingRecord).toBe(record);
    expect(new core.IdempotencyItemAlreadyExistsError('exists', record).existingRecord).toBe(record);
  });

  it('gives IdempotencyAlreadyInProgressError what HTTP error middlewares read: 409, exposed, Retry-After', () => {
    const error = new core.IdempotencyAlreadyInProgressError('busy');
    expect(error).toMatchObject({ statusCode: 409, expose: true, headers: { 'Retry-After': '1' } });
    expect(new core.IdempotencyValidationError('mismatch')).not.toHaveProperty('statusCode');
  });
});
