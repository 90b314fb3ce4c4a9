import { assertKnownOptions, optionNames } from '../config/knownOptions.js';
import { IdempotencyConfigurationError } from '../errors.js';
import type { IdempotencyEngineOptions } from '../types/engine.js';

const storeMethods = ['claim', 'complete', 'release', 'renew', 'canRenewClaims', 'fetch'] as const;

const engineOptionNames = optionNames<IdempotencyEngineOptions>({ persistenceStore: true, config: true, keyPrefix: true });

/**
 * Checks what every front end hands the engine, so a wrong store or config fails where the
 * function is wrapped, naming the option, and never on a call.
 */
export function checkEngineOptions(options: IdempotencyEngineOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new IdempotencyConfigurationError('options: expected an object with a persistenceStore');
  }
  assertKnownOptions(options, engineOptionNames, 'IdempotencyEngine');
  const store = options.persistenceStore as unknown as Record<string, unknown> | undefined;
  const missing = storeMethods.filter((method) => typeof store?.[method] !== 'function');
  if (missing.length > 0) {
    throw new IdempotencyConfigurationError(
      `persistenceStore: expected a persistence layer such as MemoryPersistenceLayer, got ${describe(store)} without ${missing.join(', ')}`
    );
  }
  const config = options.config as unknown as Record<string, unknown> | undefined;
  if (config !== undefined && (typeof config?.isEnabled !== 'function' || typeof config?.expiresAfterSeconds !== 'number')) {
    throw new IdempotencyConfigurationError(
      `config: expected an IdempotencyConfig, got ${describe(config)}; build one with new IdempotencyConfig(options)`
    );
  }
  if (typeof options.keyPrefix !== 'string') {
    throw new IdempotencyConfigurationError(`keyPrefix: expected a string, got ${describe(options.keyPrefix)}`);
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const name = value.constructor?.name;
  return !name || name === 'Object' ? 'a plain object' : `a ${name}`;
}
