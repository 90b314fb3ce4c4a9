import type { IdempotencyStore } from '@idem/core';
import type { LayerFactory, ResolvedContractOptions } from './options.js';

/**
 * What the suite could see of the store when it was registered. A runner registers todos only
 * then, before any test runs (Jest cannot turn a running test into a todo), so what a layer shows
 * of itself (`canRenewClaims()`) has to be read from a layer made at that moment.
 */
export interface RegistrationView {
  /** The layer the factory made synchronously; undefined when it threw or returned a promise. */
  readonly layer?: IdempotencyStore;
  /** True when the factory threw, or its promise rejected: it most likely needs a server that starts later. */
  factoryFailed(): boolean;
  /** Resolves once the layer made synchronously then is closed by `teardown`; rejects if closing it failed. */
  readonly closed: Promise<void>;
}

/**
 * Calls the factory once, while the suite is registered, to see the store. A factory that
 * cannot make a layer yet (its server starts in `beforeAll`) throws or returns a promise: the
 * suite then sees the store in each test instead. Whatever the factory made is closed with
 * `teardown`, as every layer of a test is.
 */
export function viewAtRegistration<Layer extends IdempotencyStore>(
  factory: LayerFactory<Layer>,
  options: Pick<ResolvedContractOptions<Layer>, 'teardown'>
): RegistrationView {
  let failed = false;
  const close = async (layer: Layer) => {
    await options.teardown?.(layer);
  };
  let made: Layer | Promise<Layer>;
  try {
    made = factory();
  } catch {
    return { factoryFailed: () => true, closed: Promise.resolve() };
  }
  if (isPromiseLike(made)) {
    // Not awaited by the tests: a factory waiting for its server would hold the first test.
    // Closing it can fail only as every test's teardown can, where that failure shows.
    Promise.resolve(made)
      .then(close, () => {
        failed = true;
      })
      .catch(() => {});
    return { factoryFailed: () => failed, closed: Promise.resolve() };
  }
  // Closed after the current registration, so a teardown that rejects surfaces in the first test.
  const closed = Promise.resolve().then(() => close(made));
  closed.catch(() => {});
  return { layer: made, factoryFailed: () => false, closed };
}

function isPromiseLike<Value>(value: Value | Promise<Value>): value is Promise<Value> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
