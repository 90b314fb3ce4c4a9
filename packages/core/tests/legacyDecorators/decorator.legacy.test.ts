import { IdempotencyConfig, idempotent, MemoryPersistenceLayer } from '@idem/core';

interface Order {
  orderId: string;
  amount: number;
}

describe('@idempotent as a legacy experimentalDecorators decorator', () => {
  it('the file is compiled with legacy decorators', () => {
    // A legacy method decorator receives (prototype, name, descriptor); a standard one (method, context).
    const seen: unknown[] = [];
    const probe = (...args: unknown[]) => {
      seen.push(...args);
    };
    class Probe {
      @probe
      public method(): void {}
    }
    expect(seen[0]).toBe(Probe.prototype);
    expect(seen[1]).toBe('method');
  });

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

  it('takes a config and dataIndexArgument', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let runs = 0;
    class Ledger {
      @idempotent({ persistenceStore, dataIndexArgument: 1, config: new IdempotencyConfig({ eventKeyJmesPath: 'entryId' }) })
      public async post(_tenant: string, entry: { entryId: string; note: string }): Promise<number> {
        runs++;
        return entry.note.length;
      }
    }

    await new Ledger().post('t-1', { entryId: 'e-1', note: 'first' });
    await expect(new Ledger().post('t-2', { entryId: 'e-1', note: 'second try' })).resolves.toBe(5);
    expect(runs).toBe(1);
  });
});
