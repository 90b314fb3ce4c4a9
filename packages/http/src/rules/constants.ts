/** Defaults of HttpIdempotencyOptions, in one place. */
export const httpDefaults = {
  methods: ['POST', 'PATCH'],
  requireKey: true,
  keyHeader: 'Idempotency-Key',
  minKeyLength: 1,
  maxKeyLength: 255,
  // Visible ASCII except the characters that delimit structured fields: `"` `,` `;` `\`.
  keyPattern: /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/,
  replayHeaders: [
    'cache-control',
    'content-encoding',
    'content-language',
    'content-location',
    'content-type',
    'etag',
    'last-modified',
    'location',
  ],
  retryAfterSeconds: 1,
  problemTypeUri: 'about:blank',
  expiresAfterSeconds: 86_400,
  hashFunction: 'sha256',
  // 256 KiB: as base64 (4/3) with the record's other fields, still within DynamoDB's 400 KB item.
  maxStoredBodyBytes: 262_144,
} as const;

/** 408, 425 and 429 ask the client to try again later, so storing them would block the retry. */
const retryableClientStatuses = new Set([408, 425, 429]);

/** The default outcome policy: 2xx, 3xx and 4xx are final; 5xx and "try again" statuses are not. */
export function storeFinalOutcomes(statusCode: number): boolean {
  return statusCode < 500 && !retryableClientStatuses.has(statusCode);
}

/** Response headers that must never be replayed to another request. */
export const neverReplayedHeaders = ['set-cookie', 'set-cookie2'] as const;

/** The response header that marks a replay. */
export const replayedHeader = 'Idempotent-Replayed';
