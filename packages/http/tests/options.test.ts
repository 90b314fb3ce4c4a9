import { IdempotencyConfigurationError, MemoryPersistenceLayer } from '@idem/core';
import { type HttpIdempotencyOptions, makeHttpIdempotent } from '@idem/http';
import { idempotency as expressIdempotency } from '@idem/http/express';
import { withIdempotency } from '@idem/http/fetch';
import { idempotency as honoIdempotency } from '@idem/http/hono';
import { httpIdempotency } from '@idem/http/middy';

const persistenceStore = new MemoryPersistenceLayer();

const builders = [
  ['makeHttpIdempotent', (options: HttpIdempotencyOptions) => makeHttpIdempotent(async () => ({ statusCode: 200 }), options)],
  ['httpIdempotency', (options: HttpIdempotencyOptions) => httpIdempotency(options)],
  ['withIdempotency', (options: HttpIdempotencyOptions) => withIdempotency(async () => new Response(), options)],
  ['the Express idempotency middleware', (options: HttpIdempotencyOptions) => expressIdempotency(options)],
  ['the Hono idempotency middleware', (options: HttpIdempotencyOptions) => honoIdempotency(options)],
] as const;

const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
  ['no persistence store', { persistenceStore: undefined }, /^persistenceStore:/],
  ['an object that is no store', { persistenceStore: { get: () => undefined } }, /^persistenceStore:/],
  ['an empty key prefix', { keyPrefix: '' }, /^keyPrefix:/],
  ['no methods', { methods: [] }, /^methods:/],
  ['a method that is no token', { methods: ['PO ST'] }, /^methods:/],
  ['a header name with a space', { keyHeader: 'Idempotency Key' }, /^keyHeader:/],
  ['a minimum length of 0', { minKeyLength: 0 }, /^minKeyLength:/],
  ['a fractional maximum', { maxKeyLength: 1.5 }, /^maxKeyLength:/],
  ['a maximum below the minimum', { minKeyLength: 10, maxKeyLength: 9 }, /^maxKeyLength:/],
  ['a pattern that is a string', { keyPattern: '^[a-z]+$' }, /^keyPattern:/],
  ['a global pattern, whose test() is stateful', { keyPattern: /^[a-z]+$/g }, /^keyPattern:.*stateful/],
  [
    'Set-Cookie among the replayed headers',
    { replayHeaders: ['content-type', 'Set-Cookie'] },
    /^replayHeaders: set-cookie is never replayed/,
  ],
  ['a replayed header that is no header name', { replayHeaders: ['content type'] }, /^replayHeaders:/],
  ['a negative Retry-After', { retryAfterSeconds: -1 }, /^retryAfterSeconds:/],
  ['a problem type that is not a URI', { problemTypeUri: 'see our docs' }, /^problemTypeUri:/],
  ['a caller identity that is not a function', { callerIdentity: 'sub' }, /^callerIdentity:/],
  ['a policy that is not a function', { shouldStore: 500 }, /^shouldStore:/],
  ['requireKey that is not a boolean', { requireKey: 'yes' }, /^requireKey:/],
  ['an invalid JMESPath fingerprint', { fingerprintJmesPath: 'order.[' }, /^fingerprintJmesPath: invalid JMESPath/],
  ['an empty JMESPath fingerprint', { fingerprintJmesPath: '' }, /^fingerprintJmesPath:/],
  ['a zero expiry', { expiresAfterSeconds: 0 }, /^expiresAfterSeconds:/],
  ['an unknown hash function', { hashFunction: 'sha-1000' }, /^hashFunction:/],
  ['a negative body limit', { maxStoredBodyBytes: -1 }, /^maxStoredBodyBytes:/],
  ['an event listener that is not a function', { onEvent: 'console' }, /^onEvent:/],
  ['a misspelt option', { requiresKey: false }, /^requiresKey: not an option .*did you mean requireKey\?/],
];

describe.each(builders)('%s checks its options when it is built', (_, build) => {
  it.each(badOptions)('refuses %s with an IdempotencyConfigurationError naming the option', (__, bad, message) => {
    const options = { persistenceStore, ...bad } as unknown as HttpIdempotencyOptions;
    expect(() => build(options)).toThrow(IdempotencyConfigurationError);
    expect(() => build(options)).toThrow(message);
  });

  it('accepts every option at a valid value', () => {
    expect(() =>
      build({
        persistenceStore,
        keyPrefix: 'orders-api',
        methods: ['POST', 'patch', 'PUT'],
        requireKey: false,
        keyHeader: 'X-Idempotency-Key',
        minKeyLength: 16,
        maxKeyLength: 64,
        keyPattern: /^[A-Za-z0-9-]+$/,
        callerIdentity: (event) => event.requestContext?.authorizer?.principalId ?? event.headers?.['x-caller'],
        fingerprintJmesPath: 'powertools_json(payload).amount',
        jmesPathOptions: {},
        shouldStore: (status) => status < 300,
        replayHeaders: ['Content-Type', 'Location'],
        retryAfterSeconds: 0,
        problemTypeUri: 'https://api.example.com/problems/idempotency',
        expiresAfterSeconds: 3600,
        inProgressExpiresAfterSeconds: 30,
        hashFunction: 'sha512',
        useLocalCache: true,
        maxLocalCacheSize: 10,
        maxStoredBodyBytes: 1_048_576,
        onEvent: () => {},
      })
    ).not.toThrow();
  });
});
