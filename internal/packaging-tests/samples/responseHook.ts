// The seed's "Response Hook with Types" sample; `JSONValue` comes from @idem/core/types. The seed
// spreads `response` as it is, which TypeScript refuses (a JSONValue may be a string): the cast
// to JSONObject says the handler returns objects.

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
console.log('response hook set', typeof config.responseHook);
