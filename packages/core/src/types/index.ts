export type { IdempotencyConfigInterface, IdempotencyConfigOptions } from './config.js';
export type { LambdaDurableContext, LambdaHandlerContext } from './durable.js';
export type { IdempotencyEngineOptions } from './engine.js';
export type { IdempotencyEvent, IdempotencyEventListener, IdempotencyStoreOperation } from './events.js';
export type {
  AnyFunction,
  IdempotencyLambdaHandlerOptions,
  IdempotentFunctionOptions,
  ItempotentFunctionOptions,
} from './functions.js';
export type { ResponseHook } from './hooks.js';
export type { CompiledExpression, Functions, JmesPathArgumentType, JmesPathFunction } from './jmespath.js';
export type { JSONArray, JSONObject, JSONPrimitive, JSONValue } from './json.js';
export type { LambdaContext } from './lambda.js';
export type {
  BasePersistenceAttributes,
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
  PersistenceCompatibility,
} from './persistence.js';
export type { IdempotencyRecordInterface, IdempotencyRecordOptions, IdempotencyRecordStatusValue } from './record.js';
export type { ResponseSerializer } from './serializer.js';
export type { ClaimOptions, ClaimOutcome, ClaimRefusal, IdempotencyStore, KeySchemeName, RequestIdentity } from './store.js';
