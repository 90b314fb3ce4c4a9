import type { IdempotencyConfigInterface } from './config.js';
import type { IdempotencyStore } from './store.js';

/** Options of one IdempotencyEngine: one wrapped function. */
export interface IdempotencyEngineOptions {
  /** Where the records live. */
  persistenceStore: IdempotencyStore;
  /** How idempotency behaves. @default new IdempotencyConfig({}) */
  config?: IdempotencyConfigInterface;
  /** Prefix of every key of this function. */
  keyPrefix: string;
}
