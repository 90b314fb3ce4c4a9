import { assertKnownOptions, IdempotencyConfig, IdempotencyConfigurationError, IdempotencyEngine, optionNames } from '@idem/core';
import type { IdempotencyEventListener } from '@idem/core/types';
import type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
import { httpDefaults, neverReplayedHeaders, storeFinalOutcomes } from './constants.js';
import type { FingerprintSelection } from './fingerprint.js';
import type { KeyRules } from './parseIdempotencyKey.js';

/** The options with defaults applied and every value checked. */
export interface ResolvedHttpOptions extends KeyRules {
  engine: IdempotencyEngine;
  methods: ReadonlySet<string>;
  requireKey: boolean;
  keyHeader: string;
  callerIdentity: CallerIdentity;
  fingerprintSelection?: FingerprintSelection;
  shouldStore: (statusCode: number) => boolean;
  replayHeaders: ReadonlySet<string>;
  retryAfterSeconds: number;
  problemTypeUri: string;
  maxStoredBodyBytes: number;
  onEvent?: IdempotencyEventListener;
}

const httpOptionNames = optionNames<HttpIdempotencyOptions>({
  persistenceStore: true,
  keyPrefix: true,
  methods: true,
  requireKey: true,
  keyHeader: true,
  minKeyLength: true,
  maxKeyLength: true,
  keyPattern: true,
  callerIdentity: true,
  fingerprintJmesPath: true,
  jmesPathOptions: true,
  shouldStore: true,
  replayHeaders: true,
  retryAfterSeconds: true,
  problemTypeUri: true,
  expiresAfterSeconds: true,
  inProgressExpiresAfterSeconds: true,
  hashFunction: true,
  useLocalCache: true,
  maxLocalCacheSize: true,
  maxStoredBodyBytes: true,
  onEvent: true,
});

// RFC 9110 token characters: what a header name may hold.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Checks every option when the wrapper or middleware is built, so a bad one fails at cold start
 * with an `IdempotencyConfigurationError` that names it, and never on a request.
 */
export function resolveHttpOptions(
  options: HttpIdempotencyOptions,
  defaults: { keyPrefix: string; callerIdentity: CallerIdentity }
): ResolvedHttpOptions {
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object with a persistenceStore');
  assertKnownOptions(options, httpOptionNames, 'the Idempotency-Key options');
  const keyPrefix = options.keyPrefix ?? defaults.keyPrefix;
  if (typeof keyPrefix !== 'string' || keyPrefix === '') fail('keyPrefix', 'expected a non-empty string');

  const methods = options.methods ?? httpDefaults.methods;
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string' && headerName.test(m))) {
    fail('methods', `expected a non-empty list of HTTP method names, got ${JSON.stringify(methods)}`);
  }
  const keyHeader = options.keyHeader ?? httpDefaults.keyHeader;
  if (typeof keyHeader !== 'string' || !headerName.test(keyHeader))
    fail('keyHeader', `not a header name: ${JSON.stringify(keyHeader)}`);

  const minKeyLength = integerAtLeast('minKeyLength', options.minKeyLength ?? httpDefaults.minKeyLength, 1);
  const maxKeyLength = integerAtLeast('maxKeyLength', options.maxKeyLength ?? httpDefaults.maxKeyLength, minKeyLength);
  const keyPattern = options.keyPattern ?? httpDefaults.keyPattern;
  if (!(keyPattern instanceof RegExp)) fail('keyPattern', 'expected a RegExp');
  if (keyPattern.global || keyPattern.sticky) fail('keyPattern', 'the g and y flags make RegExp.test stateful; remove them');

  const replayHeaders = options.replayHeaders ?? httpDefaults.replayHeaders;
  if (!Array.isArray(replayHeaders) || !replayHeaders.every((h) => typeof h === 'string' && headerName.test(h))) {
    fail('replayHeaders', `expected a list of header names, got ${JSON.stringify(replayHeaders)}`);
  }
  const lowered = new Set(replayHeaders.map((h) => h.toLowerCase()));
  for (const forbidden of neverReplayedHeaders) {
    if (lowered.has(forbidden))
      fail('replayHeaders', `${forbidden} is never replayed: a cookie belongs to the response it was set on`);
  }

  const retryAfterSeconds = integerAtLeast('retryAfterSeconds', options.retryAfterSeconds ?? httpDefaults.retryAfterSeconds, 0);
  const problemTypeUri = options.problemTypeUri ?? httpDefaults.problemTypeUri;
  if (typeof problemTypeUri !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(problemTypeUri)) {
    fail('problemTypeUri', `expected an absolute URI, got ${JSON.stringify(problemTypeUri)}`);
  }
  const callerIdentity = options.callerIdentity ?? defaults.callerIdentity;
  if (typeof callerIdentity !== 'function') fail('callerIdentity', 'expected a function (event) => string | undefined');
  const shouldStore = options.shouldStore ?? storeFinalOutcomes;
  if (typeof shouldStore !== 'function') fail('shouldStore', 'expected a function (statusCode) => boolean');
  const maxStoredBodyBytes = integerAtLeast(
    'maxStoredBodyBytes',
    options.maxStoredBodyBytes ?? httpDefaults.maxStoredBodyBytes,
    0
  );

  const config = new IdempotencyConfig({
    // The engine sees { scope, fingerprint }, built per request; see HttpIdempotency.
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'fingerprint',
    expiresAfterSeconds: options.expiresAfterSeconds ?? httpDefaults.expiresAfterSeconds,
    inProgressExpiresAfterSeconds: options.inProgressExpiresAfterSeconds,
    hashFunction: options.hashFunction ?? httpDefaults.hashFunction,
    useLocalCache: options.useLocalCache,
    maxLocalCacheSize: options.maxLocalCacheSize,
    onEvent: options.onEvent,
  });

  return {
    engine: new IdempotencyEngine({ persistenceStore: options.persistenceStore, config, keyPrefix }),
    methods: new Set(methods.map((m) => m.toUpperCase())),
    requireKey: booleanOption('requireKey', options.requireKey ?? httpDefaults.requireKey),
    keyHeader,
    minKeyLength,
    maxKeyLength,
    keyPattern,
    callerIdentity,
    fingerprintSelection: compileFingerprint(options),
    shouldStore,
    replayHeaders: lowered,
    retryAfterSeconds,
    problemTypeUri,
    maxStoredBodyBytes,
    onEvent: options.onEvent,
  };
}

/** Compiled by a config of its own, so syntax errors and custom functions behave as in core. */
function compileFingerprint(options: HttpIdempotencyOptions): FingerprintSelection | undefined {
  if (options.fingerprintJmesPath === undefined) return undefined;
  if (typeof options.fingerprintJmesPath !== 'string' || options.fingerprintJmesPath === '') {
    fail('fingerprintJmesPath', 'expected a non-empty JMESPath expression');
  }
  try {
    const config = new IdempotencyConfig({
      payloadValidationJmesPath: options.fingerprintJmesPath,
      jmesPathOptions: options.jmesPathOptions,
    });
    return config.validationExpression;
  } catch (error) {
    if (!(error instanceof IdempotencyConfigurationError)) throw error;
    throw new IdempotencyConfigurationError(error.message.replace(/^payloadValidationJmesPath/, 'fingerprintJmesPath'), {
      cause: error,
    });
  }
}

function integerAtLeast(name: string, value: unknown, minimum: number): number {
  if (!Number.isInteger(value) || (value as number) < minimum)
    fail(name, `expected an integer of at least ${minimum}, got ${String(value)}`);
  return value as number;
}

function booleanOption(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(name, `expected a boolean, got ${String(value)}`);
  return value;
}

function fail(option: string, message: string): never {
  throw new IdempotencyConfigurationError(`${option}: ${message}`);
}
