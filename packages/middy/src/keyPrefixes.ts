import {
  functionKeyPrefix,
  IdempotencyConfigurationError,
  IdempotencyEngine,
  type IdempotencyLambdaHandlerOptions,
  type IdempotencyStore,
  type LambdaContext,
} from '@idem/core';

/**
 * Which middleware instance first used each default key prefix with each store. Two instances
 * that share a store and a default prefix would share records, so the second is refused.
 */
const defaultPrefixOwners = new WeakMap<IdempotencyStore, Map<string, object>>();

/**
 * The engines of one middleware instance, one per key prefix. The prefix is `keyPrefix` when
 * given; otherwise it is known only per request, from the Lambda context: Middy never shows a
 * middleware the handler, so `context.functionName` stands in for the handler's name that
 * `makeIdempotent` uses, and the default is `${AWS_LAMBDA_FUNCTION_NAME}.${context.functionName}`
 * (over a store in Powertools compatibility, Powertools' default: `${AWS_LAMBDA_FUNCTION_NAME}`).
 * In Lambda one process serves one function, so this map holds one engine.
 */
export class KeyPrefixEngines {
  private readonly engines = new Map<string, IdempotencyEngine>();
  private readonly owner = {};

  constructor(private readonly options: IdempotencyLambdaHandlerOptions) {
    // Built now so a config the store cannot honour fails where the middleware is made, as
    // makeIdempotent fails where it wraps, not at the first request.
    const keyPrefix = this.keyPrefixFor(undefined);
    const probe = this.engineFor(keyPrefix);
    if (options.keyPrefix !== undefined) this.engines.set(keyPrefix, probe);
  }

  public forContext(context: LambdaContext | undefined): IdempotencyEngine {
    const keyPrefix = this.keyPrefixFor(context);
    let engine = this.engines.get(keyPrefix);
    if (!engine) {
      if (this.options.keyPrefix === undefined) this.claimDefaultPrefix(keyPrefix);
      engine = this.engineFor(keyPrefix);
      this.engines.set(keyPrefix, engine);
    }
    return engine;
  }

  private keyPrefixFor(context: LambdaContext | undefined): string {
    return functionKeyPrefix(this.options.persistenceStore, this.options.keyPrefix, context?.functionName ?? '');
  }

  private engineFor(keyPrefix: string): IdempotencyEngine {
    return new IdempotencyEngine({ persistenceStore: this.options.persistenceStore, config: this.options.config, keyPrefix });
  }

  private claimDefaultPrefix(keyPrefix: string): void {
    const store = this.options.persistenceStore;
    let owners = defaultPrefixOwners.get(store);
    if (!owners) {
      owners = new Map();
      defaultPrefixOwners.set(store, owners);
    }
    const owner = owners.get(keyPrefix);
    if (owner !== undefined && owner !== this.owner) {
      throw new IdempotencyConfigurationError(
        `keyPrefix: two makeHandlerIdempotent middlewares use the default key prefix ${JSON.stringify(keyPrefix)} ` +
          'with the same persistence store, so their records would mix; give each a keyPrefix of its own'
      );
    }
    owners.set(keyPrefix, this.owner);
  }
}
