// Seed block of type imports, the core part (DynamoDB and cache types belong to their packages),
// mapped to @idem/core/types. Each type is used once so a missing or changed export fails to compile.
// Main types

import { IdempotencyConfig, MemoryPersistenceLayer } from '@idem/core';
import type {
  BasePersistenceAttributes,
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
  IdempotencyConfigOptions,
  IdempotencyLambdaHandlerOptions,
  IdempotencyRecordOptions,
  IdempotencyRecordStatusValue,
  ItempotentFunctionOptions,
  ResponseHook,
} from '@idem/core/types';

export const responseHook: ResponseHook = (response) => response;

export const configOptions: IdempotencyConfigOptions = {
  eventKeyJmesPath: 'body',
  payloadValidationJmesPath: 'amount',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: 120,
  useLocalCache: true,
  maxLocalCacheSize: 10,
  hashFunction: 'sha256',
  responseHook,
};

export const handlerOptions: IdempotencyLambdaHandlerOptions = {
  persistenceStore: new MemoryPersistenceLayer(),
  config: new IdempotencyConfig(configOptions),
  keyPrefix: 'orders',
};

export const functionOptions: ItempotentFunctionOptions<[string, { body: string; amount: number }]> = {
  ...handlerOptions,
  dataIndexArgument: 1,
};

export const statuses: IdempotencyRecordStatusValue[] = ['INPROGRESS', 'COMPLETED', 'EXPIRED'];

export const recordOptions: IdempotencyRecordOptions = { idempotencyKey: 'orders#abc', status: 'INPROGRESS' };

export const attributes: Required<BasePersistenceAttributes> = {
  expiryAttr: 'expiration',
  inProgressExpiryAttr: 'in_progress_expiration',
  statusAttr: 'status',
  dataAttr: 'data',
  validationKeyAttr: 'validation',
};

export const layerOptions: BasePersistenceLayerOptions = { config: new IdempotencyConfig({}), functionName: 'orders' };

export const layer: BasePersistenceLayerInterface = new MemoryPersistenceLayer();
