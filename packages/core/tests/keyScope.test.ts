import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyKeyError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

interface TenantRequest {
  tenant: string;
  orderId: string;
}

function tenantScopedOrders() {
  const runs: string[] = [];
  const pending: Array<() => void> = [];
  const fn = makeIdempotent(
    async (request: TenantRequest) => {
      runs.push(request.tenant);
      await new Promise<void>((resolve) => pending.push(resolve));
      return `${request.tenant} paid ${request.orderId}`;
    },
    {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'orderId',
        keyScope: (payload) => (payload as TenantRequest).tenant,
      }),
    }
  );
  return {
    fn,
    runs,
    finishAll: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

describe('keyScope', () => {
  it('one tenant can neither replay nor block another tenant using the same key', async () => {
    const { fn, runs, finishAll } = tenantScopedOrders();
    const acme = fn({ tenant: 'acme', orderId: 'order-1' });
    await new Promise((resolve) => setImmediate(resolve));
    // Acme's call is still running: another Acme call is blocked ...
    await expect(fn({ tenant: 'acme', orderId: 'order-1' })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    // ... but Globex, with the same order id, is not.
    const globex = fn({ tenant: 'globex', orderId: 'order-1' });
    await new Promise((resolve) => setImmediate(resolve));
    finishAll();
    expect(await acme).toBe('acme paid order-1');
    expect(await globex).toBe('globex paid order-1');
    // Each replays its own result.
    expect(await fn({ tenant: 'globex', orderId: 'order-1' })).toBe('globex paid order-1');
    expect(await fn({ tenant: 'acme', orderId: 'order-1' })).toBe('acme paid order-1');
    expect(runs).toEqual(['acme', 'globex']);
  });

  it('refuses a payload whose scope is empty instead of sharing a key space', async () => {
    const { fn } = tenantScopedOrders();
    await expect(fn({ tenant: '', orderId: 'order-1' })).rejects.toBeInstanceOf(IdempotencyKeyError);
  });
});
