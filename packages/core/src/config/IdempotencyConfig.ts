import { configDefaults, disableEnvironmentVariables, truthyEnvironmentValues } from '../constants.js';
import { IdempotencyConfigurationError } from '../errors.js';
import { isHashAlgorithm } from '../hashing/hashText.js';
import { JmesPathEngine } from '../jmespath/JmesPathEngine.js';
import type { IdempotencyConfigInterface, IdempotencyConfigOptions } from '../types/config.js';
import type { IdempotencyEventListener } from '../types/events.js';
import type { ResponseHook } from '../types/hooks.js';
import type { CompiledExpression, Functions } from '../types/jmespath.js';
import type { LambdaContext } from '../types/lambda.js';
import type { ResponseSerializer } from '../types/serializer.js';
import { assertKnownOptions, optionNames } from './knownOptions.js';

const configOptionNames = optionNames<IdempotencyConfigOptions>({
  eventKeyJmesPath: true,
  payloadValidationJmesPath: true,
  jmesPathOptions: true,
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: true,
  inProgressExpiresAfterSeconds: true,
  durableExecutionTimeoutSeconds: true,
  useLocalCache: true,
  maxLocalCacheSize: true,
  hashFunction: true,
  lambdaContext: true,
  responseHook: true,
  responseSerializer: true,
  keyScope: true,
  renewInProgressLease: true,
  onEvent: true,
});

/**
 * How idempotency behaves: what the key is, how long records live, whether payloads are
 * validated and results cached locally. Every option is checked here, when the config is built,
 * so a bad option fails at start-up with a message that names it.
 */
export class IdempotencyConfig implements IdempotencyConfigInterface {
  public readonly eventKeyJmesPath: string;
  public readonly payloadValidationJmesPath?: string;
  public readonly jmesPathOptions: Functions;
  public readonly throwOnNoIdempotencyKey: boolean;
  public readonly expiresAfterSeconds: number;
  public readonly inProgressExpiresAfterSeconds: number;
  public readonly durableExecutionTimeoutSeconds: number;
  public readonly useLocalCache: boolean;
  public readonly maxLocalCacheSize: number;
  public readonly hashFunction: string;
  public readonly responseHook?: ResponseHook;
  public readonly responseSerializer?: ResponseSerializer;
  public readonly keyScope?: (payload: unknown) => string;
  public readonly renewInProgressLease: boolean;
  public readonly onEvent?: IdempotencyEventListener;
  public lambdaContext?: LambdaContext;
  /** The key expression, compiled once; undefined when the whole payload is the key. */
  public readonly keyExpression?: CompiledExpression;
  /** The validation expression, compiled once; undefined when validation is off. */
  public readonly validationExpression?: CompiledExpression;

  constructor(options: IdempotencyConfigOptions = {}) {
    assertKnownOptions(options, configOptionNames, 'IdempotencyConfig');
    this.eventKeyJmesPath = options.eventKeyJmesPath ?? '';
    this.payloadValidationJmesPath = options.payloadValidationJmesPath;
    this.jmesPathOptions = options.jmesPathOptions ?? {};
    this.throwOnNoIdempotencyKey = options.throwOnNoIdempotencyKey ?? configDefaults.throwOnNoIdempotencyKey;
    this.expiresAfterSeconds = positiveNumber(
      'expiresAfterSeconds',
      options.expiresAfterSeconds,
      configDefaults.expiresAfterSeconds
    );
    this.inProgressExpiresAfterSeconds = positiveNumber(
      'inProgressExpiresAfterSeconds',
      options.inProgressExpiresAfterSeconds,
      configDefaults.inProgressExpiresAfterSeconds
    );
    this.durableExecutionTimeoutSeconds = positiveNumber(
      'durableExecutionTimeoutSeconds',
      options.durableExecutionTimeoutSeconds,
      configDefaults.durableExecutionTimeoutSeconds
    );
    // Above Lambda's longest execution the number is most likely milliseconds, not seconds.
    if (this.durableExecutionTimeoutSeconds > configDefaults.durableExecutionTimeoutSeconds) {
      throw new IdempotencyConfigurationError(
        `durableExecutionTimeoutSeconds: expected seconds, at most ${configDefaults.durableExecutionTimeoutSeconds} (366 days, the longest durable execution), got ${this.durableExecutionTimeoutSeconds}`
      );
    }
    this.useLocalCache = options.useLocalCache ?? configDefaults.useLocalCache;
    this.maxLocalCacheSize = positiveInteger('maxLocalCacheSize', options.maxLocalCacheSize, configDefaults.maxLocalCacheSize);
    this.hashFunction = options.hashFunction ?? configDefaults.hashFunction;
    if (!isHashAlgorithm(this.hashFunction)) {
      throw new IdempotencyConfigurationError(
        `hashFunction: ${JSON.stringify(this.hashFunction)} is not a hash algorithm of node:crypto`
      );
    }
    this.responseHook = options.responseHook;
    this.responseSerializer = options.responseSerializer;
    this.keyScope = options.keyScope;
    this.renewInProgressLease = options.renewInProgressLease ?? configDefaults.renewInProgressLease;
    this.onEvent = options.onEvent;
    for (const name of ['responseHook', 'keyScope', 'onEvent'] as const) {
      if (options[name] !== undefined && typeof options[name] !== 'function') {
        throw new IdempotencyConfigurationError(`${name}: expected a function`);
      }
    }
    this.lambdaContext = options.lambdaContext;

    const engine = new JmesPathEngine(this.jmesPathOptions);
    if (this.eventKeyJmesPath !== '') {
      this.keyExpression = engine.compile(this.eventKeyJmesPath, 'eventKeyJmesPath');
    }
    if (this.payloadValidationJmesPath !== undefined) {
      this.validationExpression = engine.compile(this.payloadValidationJmesPath, 'payloadValidationJmesPath');
    }
  }

  /** Lets the remaining time of this Lambda invocation bound the in-progress lease. */
  public registerLambdaContext(context: LambdaContext): void {
    this.lambdaContext = context;
  }

  /**
   * False when `IDEM_DISABLED` (or Powertools' `POWERTOOLS_IDEMPOTENCY_DISABLED`) is set to a truthy
   * value (`1`, `y`, `yes`, `t`, `true`, `on`, any case): functions then run without idempotency.
   * For local development. Any other value leaves idempotency on, so a switch written as `False`
   * or `off` cannot turn it off by mistake.
   */
  public isEnabled(): boolean {
    // Runs on every call: a loop without a closure, and an unset switch is not trimmed or lowered.
    for (const name of disableEnvironmentVariables) {
      const value = process.env[name];
      if (value !== undefined && truthyEnvironmentValues.has(value.trim().toLowerCase())) return false;
    }
    return true;
  }
}

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new IdempotencyConfigurationError(`${name}: expected a positive number of seconds, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new IdempotencyConfigurationError(`${name}: expected a positive integer, got ${String(value)}`);
  }
  return value;
}
