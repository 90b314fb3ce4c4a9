import { IdempotencyAlreadyInProgressError, IdempotencyConfig, idempotent, MemoryPersistenceLayer } from '@idem/core';
import type { Context } from 'aws-lambda';
import { fakeDate, restoreDate } from './helpers/clock.js';
import { deferred } from './helpers/deferred.js';
import { lambdaContext } from './helpers/lambdaContext.js';

interface Order {
  orderId: string;
  amount: number;
}

describe('@idempotent as a TypeScript 5 standard decorator', () => {
  afterEach(restoreDate);

  it('makes a method idempotent with this preserved', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    class PaymentService {
      public runs = 0;
      constructor(private readonly currency: string) {}

      @idempotent({ persistenceStore })
      public async charge(order: Order): Promise<string> {
        this.runs++;
        return `${order.amount} ${this.currency}`;
      }
    }
    const service = new PaymentService('EUR');

    await expect(service.charge({ orderId: 'o-1', amount: 42 })).resolves.toBe('42 EUR');
    await expect(service.charge({ orderId: 'o-1', amount: 42 })).resolves.toBe('42 EUR');
    expect(service.runs).toBe(1);
  });

  it('the default key prefix names the class and the method', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const claim = jest.spyOn(persistenceStore, 'claim');
    class PaymentService {
      @idempotent({ persistenceStore })
      public async charge(order: Order): Promise<number> {
        return order.amount;
      }
    }

    await new PaymentService().charge({ orderId: 'o-1', amount: 42 });
    expect(claim.mock.calls[0]?.[0].idempotencyKey).toMatch(/^\.PaymentService\.charge#[0-9a-f]{32}$/);
  });

  it('same-named methods of two classes sharing one layer do not share records', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    class Payments {
      @idempotent({ persistenceStore })
      public async process(order: Order): Promise<string> {
        return `charged ${order.orderId}`;
      }
    }
    class Shipments {
      @idempotent({ persistenceStore })
      public async process(order: Order): Promise<string> {
        return `shipped ${order.orderId}`;
      }
    }

    await expect(new Payments().process({ orderId: 'o-1', amount: 1 })).resolves.toBe('charged o-1');
    await expect(new Shipments().process({ orderId: 'o-1', amount: 1 })).resolves.toBe('shipped o-1');
  });

  it('two instances of one class share records, as two processes running the same code would', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let runs = 0;
    class PaymentService {
      @idempotent({ persistenceStore })
      public async charge(_order: Order): Promise<number> {
        return ++runs;
      }
    }

    await new PaymentService().charge({ orderId: 'o-1', amount: 1 });
    await expect(new PaymentService().charge({ orderId: 'o-1', amount: 1 })).resolves.toBe(1);
  });

  it('static methods of two classes do not share records', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    // biome-ignore lint/complexity/noStaticOnlyClass: the decorator on static methods is what this test is about
    class Payments {
      @idempotent({ persistenceStore })
      public static async process(order: Order): Promise<string> {
        return `charged ${order.orderId}`;
      }
    }
    // biome-ignore lint/complexity/noStaticOnlyClass: the decorator on static methods is what this test is about
    class Shipments {
      @idempotent({ persistenceStore })
      public static async process(order: Order): Promise<string> {
        return `shipped ${order.orderId}`;
      }
    }

    await expect(Payments.process({ orderId: 'o-1', amount: 1 })).resolves.toBe('charged o-1');
    await expect(Shipments.process({ orderId: 'o-1', amount: 1 })).resolves.toBe('shipped o-1');
  });

  it('takes a config, a keyPrefix and dataIndexArgument', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const claim = jest.spyOn(persistenceStore, 'claim');
    let runs = 0;
    class Ledger {
      @idempotent({
        persistenceStore,
        keyPrefix: 'ledger',
        dataIndexArgument: 1,
        config: new IdempotencyConfig({ eventKeyJmesPath: 'entryId' }),
      })
      public async post(_tenant: string, entry: { entryId: string; note: string }): Promise<number> {
        runs++;
        return entry.note.length;
      }
    }
    const ledger = new Ledger();

    await ledger.post('t-1', { entryId: 'e-1', note: 'first' });
    await expect(ledger.post('t-2', { entryId: 'e-1', note: 'second try' })).resolves.toBe(5);
    expect(runs).toBe(1);
    expect(claim.mock.calls[0]?.[0].idempotencyKey.startsWith('ledger#')).toBe(true);
  });

  it('a decorated Lambda handler method keys on the event and leases for the remaining time', async () => {
    fakeDate();
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    class Lambda {
      @idempotent({ persistenceStore })
      public async handler(_event: Order, _context: Context): Promise<{ statusCode: number }> {
        await release.promise;
        return { statusCode: 200 };
      }
    }
    const lambda = new Lambda();

    const running = lambda.handler({ orderId: 'o-1', amount: 1 }, lambdaContext(4_000));
    const error = await lambda.handler({ orderId: 'o-1', amount: 1 }, lambdaContext(9_000)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IdempotencyAlreadyInProgressError);
    expect((error as IdempotencyAlreadyInProgressError).existingRecord?.inProgressExpiryTimestamp).toBe(Date.now() + 4_000);
    release.resolve();
    await expect(running).resolves.toEqual({ statusCode: 200 });
  });
});
