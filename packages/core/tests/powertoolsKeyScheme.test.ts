import {
  IdempotencyConfig,
  IdempotencyConfigurationError,
  IdempotencyKeyError,
  IdempotencyValidationError,
  idempotent,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { keySchemeOfCompatibility } from '@idem/core/persistence';
import type { KeySchemeName } from '@idem/core/types';
import { lambdaContext } from './helpers/lambdaContext.js';

// The store is what decides the key scheme; the memory store with Powertools' scheme stands in for
// the DynamoDB and cache layers in compatibility 'powertools'. The expected keys were computed by
// @aws-lambda-powertools/idempotency 2.35 itself (internal/powertools-tests compares with it live).
class PowertoolsNamedMemory extends MemoryPersistenceLayer {
  public readonly keyScheme: KeySchemeName = 'powertools';
}

const previousFunctionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
beforeEach(() => {
  process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-fn';
});
afterAll(() => {
  if (previousFunctionName === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
  else process.env.AWS_LAMBDA_FUNCTION_NAME = previousFunctionName;
});

async function storedKeys(store: MemoryPersistenceLayer, keys: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const key of keys) {
    try {
      await store.fetch(key);
      found.push(key);
    } catch {
      // not stored under this key
    }
  }
  return found;
}

describe("a store with Powertools' key scheme", () => {
  it('makeIdempotent names records as Powertools does: the Lambda function name, #, base64 md5 of its JSON text', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const chargeCard = makeIdempotent(async (order: { orderId: string; amount: number }) => order.amount, {
      persistenceStore,
    });
    await chargeCard({ orderId: 'o-1', amount: 5 });
    await chargeCard({ B: 1, a: 2, 10: 1, 2: 2 } as never);

    expect(
      await storedKeys(persistenceStore, ['orders-fn#sKnjz5mxBmBRHqwoAOK4Rg==', 'orders-fn#r4whpUG7Y2gme6iE5Wit6g=='])
    ).toHaveLength(2);
    expect(persistenceStore.size).toBe(2);
  });

  it("a handler's key holds neither its own name nor the context's function name", async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId' });
    const handler = makeIdempotent(
      async function chargeCard(_event: { orderId: string }, _context: unknown) {
        return 'charged';
      },
      { persistenceStore, config }
    );
    await handler({ orderId: 'o-1' }, lambdaContext(30_000, 'another-name'));

    expect(await storedKeys(persistenceStore, ['orders-fn#y8vblI3ha/5+SagfkVAKsQ=='])).toHaveLength(1);
  });

  it('the decorator uses the Lambda function name alone too, not the class or method', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    class Orders {
      @idempotent({ persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }) })
      public async process(_order: { orderId: string }): Promise<string> {
        return 'processed';
      }
    }
    await new Orders().process({ orderId: 'o-1' });

    expect(await storedKeys(persistenceStore, ['orders-fn#y8vblI3ha/5+SagfkVAKsQ=='])).toHaveLength(1);
  });

  it('a keyPrefix is trimmed, a blank one gives the default, and outside Lambda the default is empty', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId' });
    await makeIdempotent(async (_order: { orderId: string }) => 1, { persistenceStore, config, keyPrefix: ' mw ' })({
      orderId: 'o-1',
    });
    await makeIdempotent(async (_order: { orderId: string }) => 2, { persistenceStore, config, keyPrefix: '  ' })({
      orderId: 'o-2',
    });
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    await makeIdempotent(async (_order: { orderId: string }) => 3, { persistenceStore, config })({ orderId: 'o-1' });

    const o2 = `#${(await import('node:crypto')).createHash('md5').update('"o-2"').digest('base64')}`;
    expect(
      await storedKeys(persistenceStore, ['mw#y8vblI3ha/5+SagfkVAKsQ==', `orders-fn${o2}`, '#y8vblI3ha/5+SagfkVAKsQ=='])
    ).toHaveLength(3);
  });

  it('the validation hash is base64 of the hashed JSON text, and a changed payload is refused', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' });
    const charge = makeIdempotent(async (order: { orderId: string; amount: number }) => order.amount, {
      persistenceStore,
      config,
    });
    await charge({ orderId: 'o-1', amount: 5 });

    const record = await persistenceStore.fetch('orders-fn#y8vblI3ha/5+SagfkVAKsQ==');
    expect(record.payloadHash).toBe('5No7f7vOI0XXdysGdKMY1Q==');
    await expect(charge({ orderId: 'o-1', amount: 6 })).rejects.toBeInstanceOf(IdempotencyValidationError);
  });

  it('keys are sorted case-insensitively, as Powertools sorts them, and nested objects too', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const { createHash } = await import('node:crypto');
    const md5 = (text: string) => createHash('md5').update(text).digest('base64');
    await makeIdempotent(async (_payload: unknown) => 1, { persistenceStore })({ z: { y: 1, x: [{ b: 1, a: 2 }] }, B: 1, a: 2 });

    const text = '{"a":2,"B":1,"z":{"x":[{"a":2,"b":1}],"y":1}}';
    expect(await storedKeys(persistenceStore, [`orders-fn#${md5(text)}`])).toHaveLength(1);
  });

  it('a selection JSON cannot carry is refused with IdempotencyKeyError, never hashed as {}', async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    const fn = jest.fn(async (_payload: unknown) => 'ran');
    const wrapped = makeIdempotent(fn, { persistenceStore });
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;

    await expect(wrapped({ id: 1, ids: new Set([1]) })).rejects.toThrow(/A Set at \$\.ids/);
    await expect(wrapped({ id: 1, ids: new Map([[1, 2]]) })).rejects.toBeInstanceOf(IdempotencyKeyError);
    await expect(wrapped({ id: 1n })).rejects.toThrow(/A BigInt at \$\.id/);
    await expect(wrapped(cyclic)).rejects.toThrow(/circular reference at \$\.self/);
    expect(fn).not.toHaveBeenCalled();
  });

  it('keyScope is refused where the function is wrapped: Powertools keys have no scope to share', () => {
    const config = new IdempotencyConfig({ keyScope: () => 'tenant-1' });
    expect(() => makeIdempotent(async () => 1, { persistenceStore: new PowertoolsNamedMemory(), config })).toThrow(
      /keyScope: not available over a store in compatibility 'powertools'/
    );
  });

  it("the data-based API names records as the wrappers do: configure's functionName stays out of the prefix", async () => {
    const persistenceStore = new PowertoolsNamedMemory();
    persistenceStore.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }), functionName: 'process' });
    expect(persistenceStore.idempotencyKeyPrefix).toBe('orders-fn');
    await persistenceStore.saveInProgress({ orderId: 'o-1' }, 1000);
    expect(await storedKeys(persistenceStore, ['orders-fn#y8vblI3ha/5+SagfkVAKsQ=='])).toHaveLength(1);
  });
});

describe('naming the key scheme', () => {
  it('a store that names no known scheme fails where the function is wrapped, naming keyScheme', () => {
    class Misnamed extends MemoryPersistenceLayer {
      public readonly keyScheme = 'powertool' as KeySchemeName;
    }
    expect(() => makeIdempotent(async () => 1, { persistenceStore: new Misnamed() })).toThrow(IdempotencyConfigurationError);
    expect(() => makeIdempotent(async () => 1, { persistenceStore: new Misnamed() })).toThrow(/keyScheme "powertool"/);
  });

  it('the compatibility option of a store accepts powertools or nothing, and names any other value', () => {
    expect(keySchemeOfCompatibility(undefined)).toBe('idem');
    expect(keySchemeOfCompatibility('powertools')).toBe('powertools');
    expect(() => keySchemeOfCompatibility('Powertools')).toThrow(/compatibility: "Powertools" is not a compatibility mode/);
    expect(() => keySchemeOfCompatibility(true)).toThrow(IdempotencyConfigurationError);
  });
});
