import type { IdempotencyStore } from '@idem/core';
import type { StoreOperation } from './primitives.js';

const storeOperations: ReadonlySet<PropertyKey> = new Set<StoreOperation>(['claim', 'fetch', 'complete', 'release', 'renew']);

/**
 * Remembers which store operation threw each error, so that a check failing with an error the
 * store threw (directly, or through the engine) names the primitive behind that operation.
 */
export class OperationTracking {
  private readonly thrownBy = new WeakMap<object, StoreOperation>();

  /**
   * The layer as the check sees it: the same object behind a proxy whose store operations note
   * what they throw. Each operation runs on the layer itself, so `this` inside is the layer.
   */
  track<Layer extends IdempotencyStore>(layer: Layer): Layer {
    const thrownBy = this.thrownBy;
    return new Proxy(layer, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function' || !storeOperations.has(property)) return value;
        const operation = property as StoreOperation;
        const note = (error: unknown) => {
          if (typeof error === 'object' && error !== null && !thrownBy.has(error)) thrownBy.set(error, operation);
          throw error;
        };
        return (...args: unknown[]) => {
          try {
            const result: unknown = value.apply(target, args);
            return result instanceof Promise ? result.catch(note) : result;
          } catch (error) {
            return note(error);
          }
        };
      },
    });
  }

  /** The operation that threw `error`, or an error in its `cause` chain; undefined when the store threw none of them. */
  operationThatThrew(error: unknown): StoreOperation | undefined {
    for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 10; depth++) {
      const operation = this.thrownBy.get(current);
      if (operation) return operation;
      current = (current as { cause?: unknown }).cause;
    }
    return undefined;
  }
}
