export type { IdempotencyConfigOptions } from './config.js';
export type {
  AnyFunction,
  IdempotencyLambdaHandlerOptions,
  IdempotentFunctionOptions,
  ItempotentFunctionOptions,
  ResponseHook,
} from './functions.js';
export type { Functions, JmesPathArgumentType, JmesPathFunction } from './jmespath.js';
export type { JSONArray, JSONObject, JSONPrimitive, JSONValue } from './json.js';
export type { LambdaContext } from './lambda.js';
export type {
  BasePersistenceAttributes,
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
} from './persistence.js';
export type { IdempotencyRecordOptions, IdempotencyRecordStatusValue } from './record.js';
export type { ResponseSerializer } from './serializer.js';
export type { IdempotencyEvent, IdempotencyEventListener, IdempotencyStoreOperation } from './events.js';
