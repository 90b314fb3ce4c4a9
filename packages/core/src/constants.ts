/** Record statuses, as a constant object rather than an enum. */
export const IdempotencyRecordStatus = {
  INPROGRESS: 'INPROGRESS',
  COMPLETED: 'COMPLETED',
  EXPIRED: 'EXPIRED',
} as const;

/** Defaults of IdempotencyConfigOptions, in one place. */
export const configDefaults = {
  expiresAfterSeconds: 3600,
  inProgressExpiresAfterSeconds: 60,
  durableExecutionTimeoutSeconds: 31_622_400,
  maxLocalCacheSize: 1000,
  hashFunction: 'md5',
  throwOnNoIdempotencyKey: false,
  useLocalCache: false,
  renewInProgressLease: false,
} as const;

/** Default attribute names of BasePersistenceAttributes. */
export const persistenceAttributeDefaults = {
  expiryAttr: 'expiration',
  inProgressExpiryAttr: 'in_progress_expiration',
  statusAttr: 'status',
  dataAttr: 'data',
  validationKeyAttr: 'validation',
} as const;

/** Environment variables that turn idempotency off, for local development only. */
export const disableEnvironmentVariables = ['IDEM_DISABLED', 'POWERTOOLS_IDEMPOTENCY_DISABLED'] as const;

/**
 * The values (any case) that make a disable switch take effect, as Powertools reads truthy
 * variables. Anything else, `False` and `off` included, leaves idempotency on.
 */
export const truthyEnvironmentValues: ReadonlySet<string> = new Set(['1', 'y', 'yes', 't', 'true', 'on']);

/** How often a refused claim whose record vanished or expired meanwhile is tried again. */
export const maxClaimRetries = 2;
