import type { JSONValue } from './json.js';
import type { IdempotencyRecordInterface } from './record.js';

/** A hook that runs when an idempotent request is replayed. */
export type ResponseHook = (response: JSONValue, record: IdempotencyRecordInterface) => JSONValue;
