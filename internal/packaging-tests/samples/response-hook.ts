// The seed's "Response Hook with Types" sample; `JSONValue` comes from @idem/core/types. The seed
// spreads `response` as it is, which TypeScript refuses (a JSONValue may be a string): the cast
// to JSONObject says the handler returns objects.
import type { ResponseHook } from '@idem/core/types';
import type { JSONObject, JSONValue } from '@idem/core/types';
import type { IdempotencyRecord } from '@idem/core/persistence';
import { IdempotencyConfig } from '@idem/core';

const myResponseHook: ResponseHook = (
  response: JSONValue,
  record: IdempotencyRecord
): JSONValue => {
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
