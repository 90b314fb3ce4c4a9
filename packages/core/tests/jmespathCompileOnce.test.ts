import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

jest.mock('@jmespath-community/jmespath', () => {
  const actual = jest.requireActual<typeof import('@jmespath-community/jmespath')>('@jmespath-community/jmespath');
  return { ...actual, compile: jest.fn(actual.compile) };
});

const { compile } = jest.requireMock<{ compile: jest.Mock }>('@jmespath-community/jmespath');

describe('JMESPath compilation', () => {
  beforeEach(() => compile.mockClear());

  it('compiles each expression once, when the config is built, not on every call', async () => {
    const config = new IdempotencyConfig({
      eventKeyJmesPath: 'powertools_json(body).orderId',
      payloadValidationJmesPath: 'powertools_json(body).amount',
    });
    expect(compile).toHaveBeenCalledTimes(2);

    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_event: { body: string }) => 'charged', { persistenceStore, config });
    for (let index = 0; index < 20; index++) {
      await idempotentCharge({ body: JSON.stringify({ orderId: `o-${index % 5}`, amount: 1 }) });
    }

    expect(compile).toHaveBeenCalledTimes(2);
  });

  it('a config without expressions compiles nothing', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_event: { orderId: string }) => 'charged', {
      persistenceStore,
      config: new IdempotencyConfig({}),
    });
    await idempotentCharge({ orderId: 'o-1' });
    expect(compile).not.toHaveBeenCalled();
  });
});
