// Seed sample "Response Hook with Types", imports mapped to @idem/*.
// One change: the seed spreads `response` (a JSONValue) directly, which TypeScript refuses for any
// JSON value type that includes strings and numbers (TS2698, with Powertools' own JSONValue too),
// so the spread narrows it to an object first.

import { IdempotencyConfig } from '@idem/core';
import type { IdempotencyRecord } from '@idem/core/persistence';
import type { JSONObject, JSONValue, ResponseHook } from '@idem/core/types';

const myResponseHook: ResponseHook = (response: JSONValue, record: IdempotencyRecord): JSONValue => {
  // Type-safe response modification
  return {
    ...(response as JSONObject),
    cached: true,
    recordStatus: record.getStatus(),
  };
};

const config = new IdempotencyConfig({
  responseHook: myResponseHook,
});

export { config, myResponseHook };
